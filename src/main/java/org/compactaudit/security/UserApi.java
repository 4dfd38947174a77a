package org.compactaudit.security;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.security.StaffUsers.UserView;

/** Staff accounts for scripts: {id, email, displayName, roles[], partnerships[], partnership, active}; never a password hash. */
@Path("/api/v1/users")
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserApi {

    /**
     * The body of a new user; the password must follow the same rule as on the page. {@code partnership} names one
     * partnership, as scripts did before a user could work for several; {@code partnerships} wins when both are given.
     */
    public record NewUserBody(String email, String displayName, Set<String> roles, List<String> partnerships,
            String partnership, String password) {
    }

    /** A change to a user: fields left out stay as they are; {@code partnerships: []} or {@code partnership: ""} removes them. */
    public record UserChangeBody(String displayName, Set<String> roles, List<String> partnerships, String partnership,
            Boolean active) {
    }

    @Inject
    StaffUsers users;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Staff users, by name, 100 a page")
    public List<UserView> list(@RestQuery Integer page) {
        return users.list(page == null ? 1 : page, 100, "name", null).items();
    }

    @POST
    @Operation(summary = "Add a staff user with an initial password; 400 names the fields at fault")
    public Response create(NewUserBody body) {
        NewUserBody b = body == null ? new NewUserBody(null, null, null, null, null, null) : body;
        UserView created = asNamed(b.partnerships(), () -> users.create(new StaffUsers.NewUser(b.displayName(), b.email(),
                b.roles(), codes(b.partnerships(), b.partnership()), b.password(), false)).user());
        return Response.created(URI.create("/api/v1/users/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change a user's name, roles, partnerships or active flag; the last active admin stays")
    public UserView update(@RestPath long id, UserChangeBody body) {
        UserChangeBody b = body == null ? new UserChangeBody(null, null, null, null, null) : body;
        return asNamed(b.partnerships(), () -> users.update(id, new StaffUsers.UserChange(b.displayName(), b.roles(),
                codes(b.partnerships(), b.partnership()), b.active()), identity.getPrincipal().getName()));
    }

    /** Field errors name the request's own field: a script that sent {@code partnership} reads {@code partnership}. */
    private static UserView asNamed(List<String> partnerships, Supplier<UserView> call) {
        try {
            return call.get();
        } catch (DomainException e) {
            if (partnerships != null || !(e instanceof DomainException.Invalid)) {
                throw e;
            }
            throw DomainException.invalid(e.getMessage(), e.fields().stream().map(f -> "partnerships".equals(f.field())
                    ? new ApiError.FieldError("partnership", f.message()) : f).toList());
        }
    }

    private static List<String> codes(List<String> partnerships, String partnership) {
        if (partnerships != null) {
            return partnerships;
        }
        return partnership == null ? null : partnership.isBlank() ? List.of() : List.of(partnership);
    }
}
