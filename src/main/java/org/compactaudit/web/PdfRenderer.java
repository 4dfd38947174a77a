package org.compactaudit.web;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.quarkus.runtime.StartupEvent;

/**
 * Turns a page's XHTML (rendered by the same Qute templates as the screen) into a PDF. Embeds a Unicode
 * TrueType font when the machine has one, so names in any script print as typed; otherwise falls back to
 * the PDF base fonts.
 */
@ApplicationScoped
public class PdfRenderer {

    /** The family name PDF templates use in their CSS: {@code font-family: 'Document Sans'}. */
    public static final String FONT_FAMILY = "Document Sans";

    private static final Logger LOG = Logger.getLogger(PdfRenderer.class);

    private static final List<String> REGULAR = List.of(
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final List<String> BOLD = List.of(
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    private static final Optional<File> REGULAR_FONT = firstExisting(REGULAR);
    private static final Optional<File> BOLD_FONT = firstExisting(BOLD);

    /**
     * The fonts' metrics, read once per process instead of on every document (keyed by family, weight and
     * style, which are fixed here; thread-safe).
     */
    private static final FSDefaultCacheStore FONT_METRICS = new FSDefaultCacheStore();

    /** A small document with what reports and receipts use (headings, a table, bold text). */
    private static final String WARM_UP = """
            <html><head><style>body { font-family: 'Document Sans'; } table { border-collapse: collapse; }</style></head>
            <body><h1>Warm-up</h1><table><caption>Table</caption><tr><th>A</th><td><strong>1</strong></td></tr></table>
            </body></html>""";

    /**
     * The first document of a process costs about a second more than the next ones (class loading and JIT of the
     * renderer, measured in docs/reporting.md), so one is rendered in the background after start-up.
     */
    void warmUp(@Observes StartupEvent event) {
        Thread thread = new Thread(() -> {
            try {
                render(WARM_UP);
            } catch (RuntimeException e) {
                LOG.warnf("The PDF renderer's warm-up failed: %s", e.getMessage());
            }
        }, "pdf-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    public byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS);
            REGULAR_FONT.ifPresent(f -> builder.useFont(f, FONT_FAMILY, 400, PdfRendererBuilder.FontStyle.NORMAL, true));
            BOLD_FONT.ifPresent(f -> builder.useFont(f, FONT_FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true));
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<File> firstExisting(List<String> paths) {
        return paths.stream().map(File::new).filter(File::isFile).findFirst();
    }
}
