package org.compactaudit.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The service navigation, showing each role only what it may use. */
@Named("navigation")
@RequestScoped
public class Navigation {

    public record Item(String path, String label) {
    }

    @Inject
    CurrentUser user;

    public List<Item> getItems() {
        List<Item> items = new ArrayList<>();
        items.add(new Item("/", "Home"));
        if (user.isManager() || user.isMesc() || user.isAdmin()) {
            items.add(new Item("/agencies", "Agencies"));
        }
        if (user.isManager() || user.isMesc() || user.isAdmin()) {
            items.add(new Item("/tools", "Audit tools"));
        }
        if (user.isManager() || user.isMesc()) {
            items.add(new Item("/rounds", "Audit rounds"));
        }
        if (user.isManager() || user.isModerator()) {
            items.add(new Item("/moderation", "Moderation"));
        }
        if (user.isManager() || user.isMesc()) {
            items.add(new Item("/reports", "Reports"));
        }
        if (user.isAdmin()) {
            items.add(new Item("/users", "Users"));
            items.add(new Item("/partnerships", "Partnerships"));
        }
        return items;
    }
}
