package org.compactaudit.response;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.compactaudit.common.Dates;
import org.compactaudit.mail.Outbox;
import org.compactaudit.round.Return;
import org.compactaudit.round.ReturnLinks;
import org.compactaudit.web.PdfRenderer;

/** The PDF of a return and the emails about it (receipt, reopened, new link), queued in the caller's transaction. */
@ApplicationScoped
public class ReturnDocuments {

    /** Sectors inspected by Ofsted with a governing body (sections 175 and 157 of the Education Act 2002). */
    private static final Set<String> SCHOOL_SECTORS = Set.of("school", "further-education");

    /** Why a link email is sent: the manager resent or replaced the link, or the respondent asked for one. */
    public enum LinkEmail {
        RESENT, REPLACED, REQUESTED
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance returnPdf(ReturnView view, String printedAt);

        static native TemplateInstance receipt(ReturnView view, boolean inspectedByOfsted);

        static native TemplateInstance reopened(Return ret, String reason, String newLinkPage);

        static native TemplateInstance link(Return ret, String url, LinkEmail why);
    }

    @Inject
    PdfRenderer renderer;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ReturnLinks links;

    public byte[] pdf(ReturnView view) {
        return renderer.render(Templates.returnPdf(view, Dates.dateTime(clock.instant())).render());
    }

    public static String fileName(Return r) {
        return "return-" + r.id + ".pdf";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void sendReceipt(ReturnView view) {
        Return r = view.ret();
        byte[] pdf = pdf(view);
        String body = Templates.receipt(view, SCHOOL_SECTORS.contains(r.agency.sector.code)).render();
        for (String to : recipients(r.submittedByEmail, r.agency.leadEmail)) {
            outbox.enqueue(new Outbox.Email("return-receipt", to, r.round.partnership.contactEmail,
                    "Your Section 11 return: " + r.agency.name + ", " + r.round.name, body, null, r.id, r.round.partnership.id),
                    new Outbox.Attachment(fileName(r), "application/pdf", pdf));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void sendReopened(Return r, String reason, String submitterEmail) {
        String body = Templates.reopened(r, reason, links.newLinkPage()).render();
        for (String to : recipients(r.agency.leadEmail, submitterEmail)) {
            outbox.enqueue(new Outbox.Email("return-reopened", to, r.round.partnership.contactEmail,
                    "Your Section 11 return has been reopened: " + r.agency.name, body, null, r.id, r.round.partnership.id));
        }
    }

    /** A link email to {@code to}; the link itself is put in at delivery ({@link Outbox#LINK}). */
    @Transactional(Transactional.TxType.MANDATORY)
    void sendLink(Return r, String to, String url, LinkEmail why) {
        outbox.enqueue(new Outbox.Email("return-link", to, r.round.partnership.contactEmail,
                "Your link to the Section 11 return: " + r.agency.name + ", " + r.round.name,
                Templates.link(r, Outbox.LINK, why).render(), null, r.id, r.round.partnership.id, url));
    }

    private static Set<String> recipients(String... addresses) {
        Set<String> to = new LinkedHashSet<>();
        for (String a : addresses) {
            if (a != null && !a.isBlank()) {
                to.add(a.trim().toLowerCase(Locale.ROOT));
            }
        }
        return to;
    }
}
