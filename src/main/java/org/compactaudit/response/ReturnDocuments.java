package org.compactaudit.response;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.StartupEvent;

import org.compactaudit.common.Dates;
import org.compactaudit.mail.Outbox;
import org.compactaudit.round.Return;
import org.compactaudit.web.PdfRenderer;

/** The PDF of a return and the emails about it (receipt, reopened, new link), queued in the caller's transaction. */
@ApplicationScoped
public class ReturnDocuments {

    /** Sectors inspected by Ofsted with a governing body (sections 175 and 157 of the Education Act 2002). */
    private static final Set<String> SCHOOL_SECTORS = Set.of("school", "further-education");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance returnPdf(ReturnView view, String printedAt);

        static native TemplateInstance receipt(ReturnView view, boolean inspectedByOfsted);

        static native TemplateInstance reopened(Return ret, String reason);

        static native TemplateInstance link(Return ret, String url);
    }

    private static final Logger LOG = Logger.getLogger(ReturnDocuments.class);

    /** Enough of a page to load the renderer's classes and both font weights. */
    private static final String WARM_UP_PAGE = "<html><head><style>body { font-family: '" + PdfRenderer.FONT_FAMILY
            + "'; }</style></head><body><p>Warm-up <b>page</b></p></body></html>";

    @Inject
    PdfRenderer renderer;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /**
     * The first PDF a process renders loads openhtmltopdf and PDFBox's font mapping (0.7–1 s on an idle machine,
     * 3.8 s under load; docs/response.md): render one in the background at start-up so the first submit does not pay.
     */
    void warmUp(@Observes StartupEvent event) {
        Thread warmUp = new Thread(() -> {
            try {
                renderer.render(WARM_UP_PAGE);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not render the start-up PDF; the first return's PDF will be slow or fail the same way");
            }
        }, "pdf-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

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
                    "Your Section 11 return: " + r.agency.name + ", " + r.round.name, body, null, r.id),
                    new Outbox.Attachment(fileName(r), "application/pdf", pdf));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void sendReopened(Return r, String reason, String submitterEmail) {
        String body = Templates.reopened(r, reason).render();
        for (String to : recipients(r.agency.leadEmail, submitterEmail)) {
            outbox.enqueue(new Outbox.Email("return-reopened", to, r.round.partnership.contactEmail,
                    "Your Section 11 return has been reopened: " + r.agency.name, body, null, r.id));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void sendLink(Return r, String url) {
        outbox.enqueue(new Outbox.Email("return-link", r.agency.leadEmail, r.round.partnership.contactEmail,
                "Your link to the Section 11 return: " + r.agency.name + ", " + r.round.name,
                Templates.link(r, url).render(), null, r.id));
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
