package org.compactaudit.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.compactaudit.common.ApiError;
import org.compactaudit.common.DomainException;
import org.compactaudit.common.Text;
import org.compactaudit.tool.Grade;
import org.compactaudit.tool.Standard;

/** Recording a visit's moderated grades beside the self-assessed ones: per standard, and its optional questions. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Grading {

    @Inject
    ModerationQueries queries;

    public record StandardGradeRequest(String grade, String notes, Map<String, String> questions) {
    }

    /** Records a standard's moderated grade and notes, and any question-level grades given. */
    @Transactional
    public Views.StandardRecord recordStandard(long visitId, String standardKey, StandardGradeRequest request, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        Visits.requireOpen(visit);
        Standard standard = standard(visit, standardKey);
        List<ApiError.FieldError> errors = validate(visit, standard, request);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        apply(visit, standard, request);
        return ModerationViews.standards(visit).stream().filter(s -> s.standardKey().equals(standardKey)).findFirst()
                .orElseThrow();
    }

    /**
     * The visit page's one form, as typed: every standard given a grade is recorded, all or nothing; a standard with
     * notes or question grades but no grade is refused. Error fields are named as the page names its inputs:
     * grade-{standard}, notes-{standard}, question-{question}.
     */
    @Transactional
    public void recordForm(long visitId, Map<String, String> typed, Actor actor) {
        ModerationVisit visit = queries.visitFor(visitId, actor);
        List<ApiError.FieldError> errors = new ArrayList<>();
        Map<String, StandardGradeRequest> requests = new LinkedHashMap<>();
        for (Views.StandardRecord s : ModerationViews.standards(visit)) {
            String grade = typed.get("grade-" + s.standardKey());
            String notes = typed.get("notes-" + s.standardKey());
            Map<String, String> questions = new LinkedHashMap<>();
            s.questions().forEach(q -> questions.put(q.questionKey(), typed.get("question-" + q.questionKey())));
            boolean anything = !blank(notes) || questions.values().stream().anyMatch(v -> !blank(v));
            if (blank(grade)) {
                if (anything) {
                    errors.add(new ApiError.FieldError("grade-" + s.standardKey(),
                            "Choose the moderated grade for " + s.title()));
                }
                continue;
            }
            requests.put(s.standardKey(), new StandardGradeRequest(grade, notes, questions));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        Visits.requireOpen(visit);
        Map<Standard, StandardGradeRequest> valid = new LinkedHashMap<>();
        requests.forEach((key, request) -> {
            Standard standard = standard(visit, key);
            for (ApiError.FieldError e : validate(visit, standard, request)) {
                String field = e.field().startsWith("questions.") ? "question-" + e.field().substring(10)
                        : e.field() + "-" + key;
                errors.add(new ApiError.FieldError(field, e.message()));
            }
            valid.put(standard, request);
        });
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.get(0).message(), errors);
        }
        valid.forEach((standard, request) -> apply(visit, standard, request));
    }

    private static List<ApiError.FieldError> validate(ModerationVisit visit, Standard standard, StandardGradeRequest request) {
        String sector = visit.agencyReturn.agency.sector.code;
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (request.grade() == null || Grade.fromCode(request.grade()).isEmpty()) {
            errors.add(new ApiError.FieldError("grade",
                    "Choose the moderated grade for " + standard.title + " (outstanding, good, requires-improvement, "
                            + "inadequate or not-applicable)"));
        }
        if (request.notes() != null && request.notes().length() > 4000) {
            errors.add(new ApiError.FieldError("notes", "Notes on " + standard.title + " must be 4000 characters or fewer"));
        }
        Map<String, String> asked = request.questions() == null ? Map.of() : request.questions();
        asked.forEach((key, value) -> {
            boolean inStandard = standard.questions.stream().anyMatch(q -> q.key.equals(key) && q.appliesTo(sector));
            if (!inStandard) {
                errors.add(new ApiError.FieldError("questions." + key,
                        "Question " + key + " is not in " + standard.title + " for this agency"));
            } else if (value != null && !value.isBlank() && Grade.fromCode(value).isEmpty()) {
                errors.add(new ApiError.FieldError("questions." + key, "Unknown grade " + value + " for question " + key));
            }
        });
        return errors;
    }

    private static void apply(ModerationVisit visit, Standard standard, StandardGradeRequest request) {
        upsert(visit, standard.key, ModeratedGrade.STANDARD_LEVEL, Grade.fromCode(request.grade()).orElseThrow(),
                Text.blankToNull(request.notes()));
        Map<String, String> asked = request.questions() == null ? Map.of() : request.questions();
        asked.forEach((key, value) -> upsert(visit, standard.key, key,
                value == null || value.isBlank() ? null : Grade.fromCode(value).orElseThrow(), null));
    }

    private static void upsert(ModerationVisit visit, String standardKey, String questionKey, Grade grade, String notes) {
        ModeratedGrade row = ModeratedGrade.<ModeratedGrade>find("visit.id = ?1 and standardKey = ?2 and questionKey = ?3",
                visit.id, standardKey, questionKey).firstResult();
        if (grade == null) {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new ModeratedGrade();
            row.visit = visit;
            row.standardKey = standardKey;
            row.questionKey = questionKey;
        }
        row.grade = grade;
        row.notes = notes;
        row.persist();
    }

    private static Standard standard(ModerationVisit visit, String standardKey) {
        return visit.agencyReturn.toolVersion.standards.stream().filter(s -> s.key.equals(standardKey)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Standard " + standardKey + " is not in this agency's tool ("
                        + visit.agencyReturn.toolVersion.reference() + ")"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
