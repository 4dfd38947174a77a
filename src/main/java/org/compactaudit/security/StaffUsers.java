package org.compactaudit.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.panache.common.Sort;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.EmailAddress;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.web.Page;

/**
 * Staff accounts: an admin creates users, changes their roles and partnerships, disables and enables them;
 * everyone changes their own password. Pages and the API share these rules. Reads run in a transaction too:
 * a user's partnerships are loaded lazily. A change of roles, partnerships or active flag is announced
 * ({@link StaffUserChanged}), so a cached sign-in does not outlive it.
 */
@ApplicationScoped
@Transactional
public class StaffUsers {


    /** A new user as an admin entered it; a null password with {@code generate} asks for a random one. */
    public record NewUser(String displayName, String email, Set<String> roles, List<String> partnershipCodes,
            String password, boolean generate) {
    }

    /** Changes to a user; null fields stay as they are. An empty list of partnership codes removes them all. */
    public record UserChange(String displayName, Set<String> roles, List<String> partnershipCodes, Boolean active) {
    }

    /** The user made and, when one was generated, the password to pass on (shown once, never stored). */
    public record Created(UserView user, String generatedPassword) {
    }

    /**
     * A user as pages and the API show it; never the password hash. {@code partnership} is the only one's code,
     * kept for scripts written before a user could work for several.
     */
    public record UserView(long id, String email, String displayName, List<String> roles, List<String> partnerships,
            String partnership, @JsonIgnore String partnershipNames, boolean active) {

        static UserView of(StaffUser u) {
            List<Partnership> sorted = u.partnerships.stream().sorted(Comparator.comparing(p -> p.code)).toList();
            List<String> codes = sorted.stream().map(p -> p.code).toList();
            return new UserView(u.id, u.email, u.displayName, List.copyOf(u.roleSet()), codes,
                    codes.size() == 1 ? codes.get(0) : null,
                    sorted.isEmpty() ? "No partnership" : String.join(", ", sorted.stream().map(p -> p.name).toList()),
                    u.active);
        }

        @JsonIgnore
        public String getRoleLabels() {
            return String.join(", ", roles.stream().map(Role::label).toList());
        }
    }

    @Inject
    Clock clock;

    @Inject
    Event<StaffUserChanged> changed;

    public Page<UserView> list(int page, int size, String sort, String role) {
        Sort order = "email".equals(sort) ? Sort.by("email") : Sort.by("displayName").and("email");
        var query = role == null || role.isBlank()
                ? StaffUser.<StaffUser>findAll(order)
                : StaffUser.<StaffUser>find("concat(',', roles, ',') like ?1", order, "%," + role + ",%");
        long total = query.count();
        int number = Math.max(1, page);
        List<UserView> items = query.page(number - 1, size).list().stream().map(UserView::of).toList();
        return new Page<>(items, number, size, total);
    }

    public UserView view(long id) {
        return UserView.of(get(id));
    }

    public UserView view(String email) {
        return UserView.of(StaffUser.findByEmail(email)
                .orElseThrow(() -> DomainException.notFound("No user " + email)));
    }

    StaffUser get(long id) {
        return StaffUser.<StaffUser>findByIdOptional(id)
                .orElseThrow(() -> DomainException.notFound("No user with id " + id));
    }

    public Created create(NewUser form) {
        List<FieldError> errors = new ArrayList<>();
        String email = StaffUser.normaliseEmail(form.email());
        requireName(form.displayName(), errors);
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError("email", "Enter an email address"));
        } else if (!EmailAddress.isValid(email)) {
            errors.add(new FieldError("email", "Enter an email address in the correct format, like name@example.org"));
        } else if (StaffUser.findByEmail(email).isPresent()) {
            errors.add(new FieldError("email", "A user with this email address already exists"));
        }
        Set<String> roles = roles(form.roles(), errors);
        Set<Partnership> partnerships = partnerships(form.partnershipCodes(), errors);
        String password = form.generate() ? Passwords.random() : form.password();
        if (!form.generate() && Passwords.problem(password) != null) {
            errors.add(new FieldError("password", Passwords.problem(password)));
        }
        failIfAny(errors);
        StaffUser user = new StaffUser();
        user.email = email;
        user.displayName = form.displayName().trim();
        user.passwordHash = Passwords.hash(password);
        user.setRoles(roles);
        user.partnerships = partnerships;
        user.createdAt = clock.instant();
        user.persist();
        return new Created(UserView.of(user), form.generate() ? password : null);
    }

    /** Applies the change; the acting admin's email guards against locking everyone out. */
    public UserView update(long id, UserChange change, String actingEmail) {
        StaffUser user = get(id);
        List<FieldError> errors = new ArrayList<>();
        if (change.displayName() != null) {
            requireName(change.displayName(), errors);
        }
        Set<String> roles = change.roles() == null ? null : roles(change.roles(), errors);
        Set<Partnership> partnerships = change.partnershipCodes() == null ? null
                : partnerships(change.partnershipCodes(), errors);
        failIfAny(errors);
        boolean losesAdmin = user.roleSet().contains(Role.ADMIN) && user.active
                && ((roles != null && !roles.contains(Role.ADMIN)) || Boolean.FALSE.equals(change.active()));
        if (losesAdmin) {
            guardLastAdmin(user);
        }
        if (change.displayName() != null) {
            user.displayName = change.displayName().trim();
        }
        if (roles != null) {
            user.setRoles(roles);
        }
        boolean movesPartnership = partnerships != null && !partnerships.equals(user.partnerships);
        if (movesPartnership) {
            user.partnerships.clear();
            user.partnerships.addAll(partnerships);
        }
        if (change.active() != null) {
            if (!change.active() && user.email.equals(StaffUser.normaliseEmail(actingEmail))) {
                throw DomainException.conflict("You cannot disable your own account");
            }
            user.active = change.active();
        }
        if (roles != null || change.active() != null || movesPartnership) {
            changed.fire(new StaffUserChanged(user.email));
        }
        return UserView.of(user);
    }

    public UserView setActive(long id, boolean active, String actingEmail) {
        return update(id, new UserChange(null, null, null, active), actingEmail);
    }

    /** Why the acting admin may not disable this user, or null when they may. */
    public String cannotDisable(long id, String actingEmail) {
        StaffUser user = get(id);
        if (user.email.equals(StaffUser.normaliseEmail(actingEmail))) {
            return "You cannot disable your own account";
        }
        if (isLastActiveAdmin(user)) {
            return "This is the last active administrator: make another user an administrator first";
        }
        return null;
    }

    /** Changes the signed-in user's own password after checking the current one. */
    public void changePassword(String email, String current, String newPassword, String confirm) {
        StaffUser user = StaffUser.findByEmail(email)
                .orElseThrow(() -> DomainException.notFound("No user " + email));
        List<FieldError> errors = new ArrayList<>();
        if (current == null || current.isEmpty()) {
            errors.add(new FieldError("currentPassword", "Enter your current password"));
        } else if (!Passwords.matches(current, user.passwordHash)) {
            errors.add(new FieldError("currentPassword", "Your current password is not correct"));
        }
        String problem = Passwords.problem(newPassword);
        if (problem != null) {
            errors.add(new FieldError("newPassword", problem));
        } else if (!newPassword.equals(confirm)) {
            errors.add(new FieldError("confirmPassword", "The passwords do not match"));
        }
        failIfAny(errors);
        user.passwordHash = Passwords.hash(newPassword);
        user.passwordChangedAt = clock.instant();
        changed.fire(new StaffUserChanged(user.email));
    }

    private static void guardLastAdmin(StaffUser user) {
        if (isLastActiveAdmin(user)) {
            throw DomainException.conflict("This is the last active administrator: make another user an administrator first");
        }
    }

    private static boolean isLastActiveAdmin(StaffUser user) {
        return user.active && user.roleSet().contains(Role.ADMIN)
                && StaffUser.count("active = true and concat(',', roles, ',') like ?1 and id <> ?2",
                        "%," + Role.ADMIN + ",%", user.id) == 0;
    }

    private static void requireName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("displayName", "Enter the user's name"));
        } else if (name.trim().length() > 200) {
            errors.add(new FieldError("displayName", "Name must be 200 characters or fewer"));
        }
    }

    private static Set<String> roles(Set<String> requested, List<FieldError> errors) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : Role.ALL) {
            if (requested != null && requested.contains(role)) {
                roles.add(role);
            }
        }
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("roles", "Select at least one role"));
        } else if (roles.size() != requested.size()) {
            errors.add(new FieldError("roles", "Roles must be from: " + String.join(", ", Role.ALL)));
        }
        return roles;
    }

    private static Set<Partnership> partnerships(List<String> codes, List<FieldError> errors) {
        Set<Partnership> partnerships = new LinkedHashSet<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            if (code == null || code.isBlank()) {
                continue;
            }
            Partnership partnership = Partnership.findByCode(code.trim()).orElse(null);
            if (partnership == null) {
                errors.add(new FieldError("partnerships", "No partnership with code " + code.trim()));
            } else {
                partnerships.add(partnership);
            }
        }
        return partnerships;
    }

    static void failIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
    }
}
