package org.compactaudit.moderation;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.compactaudit.common.Dates;
import org.compactaudit.mail.Outbox;

/** Emails to the visited agency, written as text and HTML and queued in the caller's transaction. */
@ApplicationScoped
public class ModerationMail {

    /** What the visit emails show. */
    public record VisitLetter(String agencyName, String leadName, String roundName, String partnershipName,
            String contactName, String contactEmail, LocalDate date, String place, List<String> attendees) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visitPlannedText(VisitLetter letter);

        static native TemplateInstance visitPlannedHtml(VisitLetter letter);

        static native TemplateInstance visitOutcomeText(VisitLetter letter, List<Views.StandardRecord> standards, String summary);

        static native TemplateInstance visitOutcomeHtml(VisitLetter letter, List<Views.StandardRecord> standards, String summary);
    }

    @Inject
    Outbox outbox;

    void visitPlanned(String to, long returnId, long partnershipId, VisitLetter letter) {
        outbox.enqueue(new Outbox.Email("visit", to, letter.contactEmail(),
                "Moderation visit on " + Dates.date(letter.date()) + ": " + letter.roundName(),
                Templates.visitPlannedText(letter).render(), Templates.visitPlannedHtml(letter).render(), returnId,
                partnershipId));
    }

    void visitOutcome(String to, long returnId, long partnershipId, VisitLetter letter, List<Views.StandardRecord> standards, String summary) {
        outbox.enqueue(new Outbox.Email("visit-outcome", to, letter.contactEmail(),
                "Outcome of your moderation visit: " + letter.roundName(),
                Templates.visitOutcomeText(letter, standards, summary).render(),
                Templates.visitOutcomeHtml(letter, standards, summary).render(), returnId, partnershipId));
    }
}
