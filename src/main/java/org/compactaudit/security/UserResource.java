package org.compactaudit.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.DomainException;
import org.compactaudit.partnership.Partnership;
import org.compactaudit.security.StaffUsers.UserView;
import org.compactaudit.web.FormErrors;
import org.compactaudit.web.Option;
import org.compactaudit.web.Page;

/** The admin's pages for staff accounts: list, create, change roles and partnerships, disable and enable. */
@Path("/users")
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class UserResource {

    static final int PAGE_SIZE = 25;

    /** What the user form holds, kept as typed so a rejected form shows the admin's input again. */
    public record UserForm(String displayName, String email, Set<String> roles, Set<String> partnerships,
            String password, boolean generate) {

        static UserForm empty() {
            return new UserForm("", "", Set.of(), Set.of(), "", false);
        }

        static UserForm of(UserView u) {
            return new UserForm(u.displayName(), u.email(), new LinkedHashSet<>(u.roles()),
                    new LinkedHashSet<>(u.partnerships()), "", false);
        }

        public boolean hasRole(String role) {
            return roles.contains(role);
        }

        public boolean hasPartnership(String code) {
            return partnerships.contains(code);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<UserView> users, String sort, String role, List<Option> roles);

        static native TemplateInstance create(UserForm form, FormErrors errors, List<Option> roles,
                List<Option> partnerships);

        static native TemplateInstance created(UserView user, String password);

        static native TemplateInstance user(UserView user, String banner);

        static native TemplateInstance edit(UserView user, UserForm form, FormErrors errors, List<Option> roles,
                List<Option> partnerships);

        static native TemplateInstance status(UserView user, boolean disable, String refusal);
    }

    @Inject
    StaffUsers users;

    @Inject
    SecurityIdentity identity;

    @GET
    public TemplateInstance list(@RestQuery Integer page, @RestQuery String sort, @RestQuery String role) {
        String filter = role != null && Role.ALL.contains(role) ? role : "";
        String order = "email".equals(sort) ? "email" : "name";
        return Templates.list(users.list(page == null ? 1 : page, PAGE_SIZE, order, filter), order, filter,
                roleOptions());
    }

    @GET
    @Path("new")
    public TemplateInstance newUser() {
        return Templates.create(UserForm.empty(), FormErrors.none(), roleOptions(), partnershipOptions());
    }

    /**
     * Creates the user. A generated password is shown on the answer to this post itself (never stored,
     * never in a URL), which is why this one form does not redirect; the page is marked no-store.
     */
    @POST
    public Response create(@RestForm String displayName, @RestForm String email, @RestForm List<String> roles,
            @RestForm List<String> partnerships, @RestForm String password, @RestForm String passwordChoice) {
        boolean generate = "generate".equals(passwordChoice);
        UserForm form = new UserForm(nullToEmpty(displayName), nullToEmpty(email), set(roles), set(partnerships),
                "", generate);
        try {
            StaffUsers.Created created = users.create(new StaffUsers.NewUser(displayName, email, form.roles(),
                    List.copyOf(form.partnerships()), password, generate));
            if (created.generatedPassword() == null) {
                return Response.seeOther(URI.create("/users/" + created.user().id() + "?created=true")).build();
            }
            return Response.ok(Templates.created(created.user(), created.generatedPassword()))
                    .header("Cache-Control", "no-store").build();
        } catch (DomainException e) {
            return Response.status(400)
                    .entity(Templates.create(form, errors(e), roleOptions(), partnershipOptions())).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance user(@RestPath long id, @RestQuery boolean created, @RestQuery boolean updated,
            @RestQuery boolean disabled, @RestQuery boolean enabled) {
        String banner = created ? "User created" : updated ? "User updated" : disabled ? "User disabled: they can no longer sign in"
                : enabled ? "User enabled: they can sign in again" : null;
        return Templates.user(users.view(id), banner);
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance edit(@RestPath long id) {
        UserView user = users.view(id);
        return Templates.edit(user, UserForm.of(user), FormErrors.none(), roleOptions(), partnershipOptions());
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String displayName, @RestForm List<String> roles,
            @RestForm List<String> partnerships) {
        UserView user = users.view(id);
        try {
            users.update(id, new StaffUsers.UserChange(nullToEmpty(displayName), set(roles),
                    List.copyOf(set(partnerships)), null), identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/users/" + id + "?updated=true")).build();
        } catch (DomainException e) {
            UserForm form = new UserForm(nullToEmpty(displayName), user.email(), set(roles), set(partnerships),
                    "", false);
            FormErrors errors = errors(e);
            if (errors.isEmpty()) {
                errors.add("roles", e.getMessage());
            }
            return Response.status(e instanceof DomainException.Conflict ? 409 : 400)
                    .entity(Templates.edit(user, form, errors, roleOptions(), partnershipOptions())).build();
        }
    }

    @GET
    @Path("{id}/disable")
    public TemplateInstance confirmDisable(@RestPath long id) {
        return Templates.status(users.view(id), true, users.cannotDisable(id, identity.getPrincipal().getName()));
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath long id) {
        users.setActive(id, false, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/users/" + id + "?disabled=true")).build();
    }

    @GET
    @Path("{id}/enable")
    public TemplateInstance confirmEnable(@RestPath long id) {
        return Templates.status(users.view(id), false, null);
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath long id) {
        users.setActive(id, true, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/users/" + id + "?enabled=true")).build();
    }

    static FormErrors errors(DomainException e) {
        FormErrors errors = FormErrors.none();
        e.fields().forEach(f -> errors.add(f.field(), f.message()));
        return errors;
    }

    private static List<Option> roleOptions() {
        return Role.ALL.stream().map(r -> new Option(r, Role.label(r))).toList();
    }

    private static List<Option> partnershipOptions() {
        return Partnership.<Partnership>listAll(Sort.by("name")).stream()
                .map(p -> new Option(p.code, p.name)).toList();
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
