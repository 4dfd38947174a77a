package org.compactaudit.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.vertx.core.http.HttpServerRequest;

/** The service navigation, showing each role only what it may use, with the current page's item marked. */
@Named("navigation")
@RequestScoped
public class Navigation {

    /** {@code current}: the page shown belongs to this item (for its highlight and aria-current). */
    public record Item(String path, String label, boolean current) {
    }

    static final String MODERATION = "/moderation";

    /** A round's moderation pages live under the round's path but are the Moderation item's work. */
    private static final Pattern ROUND_MODERATION = Pattern.compile("/rounds/[^/]+/moderation(/.*)?");

    @Inject
    CurrentUser user;

    @Inject
    HttpServerRequest request;

    public List<Item> getItems() {
        List<String[]> shown = new ArrayList<>();
        shown.add(new String[] { "/", "Home" });
        if (user.isManager() || user.isMesc()) {
            shown.add(new String[] { "/agencies", "Agencies" });
        }
        if (user.isManager() || user.isMesc() || user.isAdmin()) {
            shown.add(new String[] { "/tools", "Audit tools" });
        }
        if (user.isManager() || user.isMesc()) {
            shown.add(new String[] { "/rounds", "Audit rounds" });
        }
        if (user.isManager() || user.isModerator()) {
            shown.add(new String[] { MODERATION, "Moderation" });
        }
        if (user.isManager() || user.isMesc()) {
            shown.add(new String[] { "/reports", "Reports" });
        }
        if (user.isAdmin()) {
            shown.add(new String[] { "/users", "Users" });
            shown.add(new String[] { "/partnerships", "Partnerships" });
        }
        Optional<String> current = section(request.path(), shown.stream().map(s -> s[0]).toList());
        return shown.stream().map(s -> new Item(s[0], s[1], current.filter(s[0]::equals).isPresent())).toList();
    }

    /**
     * The path of the item a page belongs to: the longest item path the page is at or below; a round's moderation
     * pages belong to Moderation when that item is shown (otherwise, as for MESC, to the round's item).
     */
    static Optional<String> section(String page, List<String> paths) {
        if (ROUND_MODERATION.matcher(page).matches() && paths.contains(MODERATION)) {
            return Optional.of(MODERATION);
        }
        return paths.stream()
                .filter(p -> p.equals("/") ? page.equals("/") : page.equals(p) || page.startsWith(p + "/"))
                .max(Comparator.comparingInt(String::length));
    }
}
