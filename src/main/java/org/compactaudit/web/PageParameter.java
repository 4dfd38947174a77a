package org.compactaudit.web;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import org.compactaudit.common.DomainException;

/**
 * Refuses a {@code page} past any list's end before a resource runs: paging computes {@code (page - 1) * size}
 * in an int, so {@code page=2147483647} would overflow into a server error on every paged list.
 */
public class PageParameter {

    /** A million pages of the smallest page size is far past the longest list a partnership has. */
    static final int MAX_PAGE = 1_000_000;

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        String page = request.getUriInfo().getQueryParameters().getFirst("page");
        if (page == null || page.isBlank()) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("page", "page must be a whole number from 1");
        }
        if (number > MAX_PAGE) {
            throw DomainException.invalid("page", "page must be " + MAX_PAGE + " or less");
        }
    }
}
