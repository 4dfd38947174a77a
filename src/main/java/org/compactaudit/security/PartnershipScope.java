package org.compactaudit.security;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;

import org.compactaudit.partnership.Partnership;

/**
 * The partnerships the signed-in staff user may see: those they work for, narrowed to the one picked in the header
 * (a cookie). Each feature's query class applies it, so no resource decides what of a partnership a request sees.
 * A staff user without a partnership role (manager, MESC reviewer, moderator) sees no partnership's data.
 * <p>
 * Work without a staff user is not narrowed: a respondent's secure link names its one return, and background jobs
 * (delivery, chasers) serve every partnership. The HTTP permissions keep every other path behind sign-in.
 */
@ApplicationScoped
public class PartnershipScope {

    /** The identity attribute holding the user's partnership codes by id, read afresh at each sign-in check. */
    public static final String ATTRIBUTE = "partnerships";

    /** The header's choice, by code; a code the user does not work for is ignored. */
    public static final String COOKIE = "compact-partnership";

    /** Stands for "no partnership" in an IN list, which SQL does not allow empty; no row has this id. */
    private static final Set<Long> NONE = Set.of(-1L);

    private static final Set<String> PARTNERSHIP_ROLES = Set.of(Role.MANAGER, Role.MESC, Role.MODERATOR);

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    /**
     * The ids to filter by, never empty; nothing when the work is not a staff user's (see the class comment).
     */
    public Optional<Set<Long>> limit() {
        if (!staffRequest()) {
            return Optional.empty();
        }
        Set<Long> ids = visible().keySet();
        return Optional.of(ids.isEmpty() ? NONE : ids);
    }

    public boolean sees(long partnershipId) {
        return limit().map(ids -> ids.contains(partnershipId)).orElse(true);
    }

    /** The partnership by code when the user may see it. */
    public Optional<Partnership> partnership(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Partnership.findByCode(code.strip()).filter(p -> sees(p.id));
    }

    /** The partnerships the user may see now, by name: the choices on forms and filters. */
    public List<Partnership> partnerships() {
        Optional<Set<Long>> limit = limit();
        return limit.isEmpty() ? Partnership.list("order by name") : Partnership.list("id in ?1 order by name", limit.get());
    }

    /** The partnerships the user works for (before the header's choice), by name: the header's choices. */
    public List<Partnership> memberships() {
        Map<Long, String> all = partnershipRoles() ? memberIds() : Map.of();
        return all.isEmpty() ? List.of() : Partnership.<Partnership>list("id in ?1", all.keySet()).stream()
                .sorted(Comparator.comparing((Partnership p) -> p.name)).toList();
    }

    /** The code picked in the header, when it is one the user works for. */
    public Optional<String> picked() {
        if (!staffRequest() || request.getCurrent() == null) {
            return Optional.empty();
        }
        Cookie cookie = request.getCurrent().request().getCookie(COOKIE);
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(memberIds()::containsValue);
    }

    /**
     * The one partnership new things belong to (an import, an uploaded tool version) when no form names one: the
     * picked partnership, or the only one the user works for.
     */
    public Optional<Partnership> acting() {
        Map<Long, String> visible = staffRequest() ? visible() : Map.of();
        return visible.size() == 1 ? Partnership.findByIdOptional(visible.keySet().iterator().next()) : Optional.empty();
    }

    private Map<Long, String> visible() {
        if (!partnershipRoles()) {
            return Map.of();
        }
        Map<Long, String> members = memberIds();
        return picked().map(code -> members.entrySet().stream().filter(e -> e.getValue().equals(code))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).orElse(members);
    }

    private boolean partnershipRoles() {
        return identity.getRoles().stream().anyMatch(PARTNERSHIP_ROLES::contains);
    }

    @SuppressWarnings("unchecked")
    private Map<Long, String> memberIds() {
        Map<Long, String> ids = identity.getAttribute(ATTRIBUTE);
        return ids == null ? Map.of() : ids;
    }

    private boolean staffRequest() {
        return Arc.container().requestContext().isActive() && !identity.isAnonymous();
    }
}
