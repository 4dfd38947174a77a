package org.compactaudit.response;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import org.compactaudit.common.ApiError.FieldError;
import org.compactaudit.common.DomainException;
import org.compactaudit.tool.Grade;
import org.compactaudit.web.FormErrors;

/**
 * The respondent's pages, opened by the secure link (no account): task list, a standard's questions,
 * check your answers and submit, the confirmation, and the PDF. Every form works without JavaScript.
 */
@Path("/respond/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class RespondentPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance taskList(ReturnView view, String token, String saved);

        static native TemplateInstance standard(ReturnView view, ReturnView.StandardView s, String token,
                List<QuestionForm> forms, FormErrors errors);

        static native TemplateInstance conflicts(ReturnView view, ReturnView.StandardView s, String token,
                List<ConflictForm> conflicts);

        static native TemplateInstance check(ReturnView view, String token, Declaration form, FormErrors errors,
                List<IncompleteLink> incomplete);

        static native TemplateInstance answers(ReturnView view, String token, boolean justSubmitted);

        static native TemplateInstance throttled(String message);
    }

    /** A question's fields as the page shows them: the stored answer, or what the user posted. */
    public record QuestionForm(ReturnView.QuestionView qv, String grade, String evidence, String naReason, String what,
            String owner, String day, String month, String year, int version, boolean carriedForward) {
        public String key() {
            return qv.question().key;
        }

        /** The grade as people read it ("Good"), or "" when none was chosen. */
        public String gradeLabel() {
            return Grade.fromCode(grade).map(g -> g.label).orElse("");
        }

        /** The id and name of one of the question's fields, e.g. {@code s1-q1-evidence}. */
        public String id(String field) {
            return key() + "-" + field;
        }
    }

    public record ConflictForm(ReturnView.QuestionView qv, Answer theirs, QuestionForm yours) {
    }

    public record IncompleteLink(String href, String text) {
    }

    @Inject
    ReturnService service;

    @Inject
    Answering answering;

    @GET
    public TemplateInstance taskList(@PathParam("token") String token, @QueryParam("saved") String saved) {
        ReturnView view = service.open(token);
        if (view.readOnly()) {
            return Templates.answers(view, token, false);
        }
        String savedTitle = saved == null ? null : view.standards().stream()
                .filter(s -> s.standard().key.equals(saved)).map(s -> s.standard().title).findFirst().orElse(null);
        return Templates.taskList(view, token, savedTitle);
    }

    @GET
    @Path("standards/{key}")
    public Response standard(@PathParam("token") String token, @PathParam("key") String key,
            @QueryParam("check") boolean check) {
        ReturnView view = service.open(token);
        if (view.readOnly()) {
            return Response.seeOther(URI.create("/respond/" + token)).build();
        }
        ReturnView.StandardView s = view.standard(key);
        FormErrors errors = FormErrors.none();
        List<QuestionForm> forms = s.questions().stream().map(q -> {
            QuestionForm f = fromAnswer(q);
            if (check && q.problem() != null) {
                errors.add(f.id(q.problem().pageField()), q.fixHere());
            }
            return f;
        }).toList();
        return Response.ok(Templates.standard(view, s, token, forms, errors)).build();
    }

    @POST
    @Path("standards/{key}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveStandard(@PathParam("token") String token, @PathParam("key") String key,
            MultivaluedMap<String, String> form) {
        ReturnView view = service.open(token);
        if (view.readOnly()) {
            return Response.seeOther(URI.create("/respond/" + token)).build();
        }
        ReturnView.StandardView s = view.standard(key);
        Map<String, AnswerInput> inputs = new LinkedHashMap<>();
        Map<String, QuestionForm> posted = new LinkedHashMap<>();
        Set<String> confirmed = new HashSet<>();
        FormErrors errors = FormErrors.none();
        for (ReturnView.QuestionView q : s.questions()) {
            String k = q.question().key;
            if (!form.containsKey(k + "-version")) {
                continue;
            }
            QuestionForm f = fromForm(q, form);
            posted.put(k, f);
            LocalDate due = null;
            if (!(f.day().isBlank() && f.month().isBlank() && f.year().isBlank())) {
                try {
                    due = LocalDate.of(Integer.parseInt(f.year().trim()), Integer.parseInt(f.month().trim()),
                            Integer.parseInt(f.day().trim()));
                } catch (NumberFormatException | DateTimeException e) {
                    errors.add(k + "-action-due-day", "The date the action is due must be a real date, like 31 3 2019");
                }
            }
            inputs.put(k, new AnswerInput(f.grade(), f.evidence(), f.naReason(),
                    new AnswerInput.Action(f.what(), f.owner(), due), f.version()));
            if (form.containsKey(k + "-confirm")) {
                confirmed.add(k);
            }
        }
        List<Answering.Conflict> conflicts;
        try {
            if (errors.any()) {
                throw DomainException.invalid("The form has errors");
            }
            conflicts = answering.saveStandard(token, key, inputs, confirmed);
        } catch (DomainException e) {
            if (!(e instanceof DomainException.Invalid)) {
                throw e;
            }
            for (FieldError fe : e.fields()) {
                errors.add(fe.field().replace('.', '-'), fe.message());
            }
            List<QuestionForm> forms = s.questions().stream()
                    .map(q -> posted.getOrDefault(q.question().key, fromAnswer(q))).toList();
            return Response.status(400).entity(Templates.standard(view, s, token, forms, errors)).build();
        }
        if (!conflicts.isEmpty()) {
            ReturnView fresh = service.open(token);
            List<ConflictForm> shown = new ArrayList<>();
            for (Answering.Conflict c : conflicts) {
                ReturnView.QuestionView q = fresh.standard(key).questions().stream()
                        .filter(x -> x.question().key.equals(c.questionKey())).findFirst().orElseThrow();
                QuestionForm yours = posted.get(c.questionKey());
                shown.add(new ConflictForm(q, c.theirs(), new QuestionForm(q, yours.grade(), yours.evidence(),
                        yours.naReason(), yours.what(), yours.owner(), yours.day(), yours.month(), yours.year(),
                        c.theirs().seenVersion(), false)));
            }
            return Response.status(409).entity(Templates.conflicts(fresh, fresh.standard(key), token, shown)).build();
        }
        return Response.seeOther(URI.create("/respond/" + token + "?saved=" + key)).build();
    }

    @GET
    @Path("check")
    public Response check(@PathParam("token") String token) {
        ReturnView view = service.open(token);
        if (view.readOnly()) {
            return Response.seeOther(URI.create("/respond/" + token)).build();
        }
        return Response.ok(Templates.check(view, token, new Declaration("", "", ""), FormErrors.none(), List.of())).build();
    }

    @POST
    @Path("submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("token") String token, MultivaluedMap<String, String> form) {
        Declaration declaration = new Declaration(value(form, "name"), value(form, "role"), value(form, "email"));
        try {
            service.submit(token, declaration);
            return Response.seeOther(URI.create("/respond/" + token + "/submitted")).build();
        } catch (IncompleteReturn e) {
            ReturnView view = service.open(token);
            FormErrors errors = FormErrors.none();
            declaration.problems().forEach(p -> errors.add(p.field(), p.message()));
            List<IncompleteLink> links = e.items.stream().map(i -> new IncompleteLink("/respond/" + token + "/standards/"
                    + i.standardKey() + "?check=true#" + i.questionKey() + "-" + AnswerCompleteness.pageField(i.field()),
                    i.message())).toList();
            return Response.status(422).entity(Templates.check(view, token, declaration, errors, links)).build();
        } catch (DomainException e) {
            if (!(e instanceof DomainException.Invalid)) {
                throw e;
            }
            FormErrors errors = FormErrors.none();
            e.fields().forEach(p -> errors.add(p.field(), p.message()));
            return Response.status(400).entity(Templates.check(service.open(token), token, declaration, errors, List.of())).build();
        }
    }

    @GET
    @Path("submitted")
    public TemplateInstance submitted(@PathParam("token") String token) {
        return Templates.answers(service.open(token), token, true);
    }

    @GET
    @Path("pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("token") String token) {
        return pdfResponse(service.pdf(token), "section-11-return.pdf");
    }

    static Response pdfResponse(byte[] pdf, String name) {
        return Response.ok(pdf, "application/pdf").header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    static QuestionForm fromAnswer(ReturnView.QuestionView q) {
        Answer a = q.answer();
        if (a == null) {
            return new QuestionForm(q, "", "", "", "", "", "", "", "", 0, false);
        }
        LocalDate due = a.actionDue;
        return new QuestionForm(q, a.grade == null ? "" : a.grade.code, nz(a.evidence), nz(a.naReason), nz(a.actionWhat),
                nz(a.actionOwner), due == null ? "" : String.valueOf(due.getDayOfMonth()),
                due == null ? "" : String.valueOf(due.getMonthValue()), due == null ? "" : String.valueOf(due.getYear()),
                a.seenVersion(), a.carriedForward);
    }

    private static QuestionForm fromForm(ReturnView.QuestionView q, MultivaluedMap<String, String> form) {
        String k = q.question().key;
        int version;
        try {
            version = Integer.parseInt(value(form, k + "-version"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new QuestionForm(q, value(form, k + "-grade"), text(form, k + "-evidence"), text(form, k + "-naReason"),
                text(form, k + "-action-what"), value(form, k + "-action-owner"), value(form, k + "-action-due-day"),
                value(form, k + "-action-due-month"), value(form, k + "-action-due-year"), version,
                q.answer() != null && q.answer().carriedForward);
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    /** Browsers send textarea line breaks as CRLF; store them as typed (LF), like the API's autosave does. */
    private static String text(MultivaluedMap<String, String> form, String name) {
        return value(form, name).replace("\r\n", "\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
