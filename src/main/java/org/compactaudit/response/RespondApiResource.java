package org.compactaudit.response;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.common.annotation.Blocking;

/** The respondent's API, authorised by the secure link's token in the path (no account). */
@Path("/api/v1/respond/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RespondApiResource {

    @Inject
    ReturnService service;

    @Inject
    Answering answering;

    @GET
    @Operation(summary = "The return the token opens: agency, round, tool version, standards, questions and answers")
    public ReturnJson get(@PathParam("token") String token) {
        return ReturnJson.of(service.open(token));
    }

    @PUT
    @Path("answers/{questionKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save one answer; send the version last seen (0 for a first save). 409 with the stored answer"
            + " when it changed meanwhile; 423 when the return is submitted or the round has closed")
    public ReturnJson.AnswerJson save(@PathParam("token") String token, @PathParam("questionKey") String questionKey,
            AnswerInput input) {
        return ReturnJson.AnswerJson.of(answering.save(token, questionKey,
                input == null ? new AnswerInput(null, null, null, null, null) : input));
    }

    @POST
    @Path("submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit with the declaration (name, role, email); 422 lists every incomplete question")
    public ReturnJson submit(@PathParam("token") String token, Declaration declaration) {
        service.submit(token, declaration == null ? new Declaration(null, null, null) : declaration);
        return ReturnJson.of(service.open(token));
    }

    @GET
    @Path("pdf")
    @Produces("application/pdf")
    @Operation(summary = "The return as a PDF")
    public Response pdf(@PathParam("token") String token) {
        return RespondentPages.pdfResponse(service.pdf(token), "return.pdf");
    }
}
