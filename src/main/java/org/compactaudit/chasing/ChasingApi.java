package org.compactaudit.chasing;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import org.compactaudit.security.Role;

/** Running a round's chasers from an integration (the scheduler runs them every day too). */
@Path("/api/v1/rounds")
@Produces(MediaType.APPLICATION_JSON)
public class ChasingApi {

    public record RunJson(long roundId, LocalDate on, int chasersQueued, int escalated) {
    }

    @Inject
    ChasingService chasing;

    @Inject
    Clock clock;

    @POST
    @Path("/{id}/chasers/run")
    @RolesAllowed(Role.MANAGER)
    @Operation(summary = "Send the chasers and escalations due today; running it again sends nothing more")
    public RunJson runChasers(@PathParam("id") long id) {
        LocalDate today = LocalDate.now(clock);
        ChasingService.RunResult result = chasing.run(id, today);
        return new RunJson(id, today, result.chasersQueued(), result.escalated());
    }
}
