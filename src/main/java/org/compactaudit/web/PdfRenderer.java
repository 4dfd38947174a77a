package org.compactaudit.web;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Turns a page's XHTML (rendered by the same Qute templates as the screen) into a PDF. Embeds a Unicode
 * TrueType font when the machine has one, so names in any script print as typed; otherwise falls back to
 * the PDF base fonts.
 */
@ApplicationScoped
public class PdfRenderer {

    /** The family name PDF templates use in their CSS: {@code font-family: 'Document Sans'}. */
    public static final String FONT_FAMILY = "Document Sans";

    private static final List<String> REGULAR = List.of(
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final List<String> BOLD = List.of(
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    public byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            firstExisting(REGULAR).ifPresent(f -> builder.useFont(f, FONT_FAMILY, 400, PdfRendererBuilder.FontStyle.NORMAL, true));
            firstExisting(BOLD).ifPresent(f -> builder.useFont(f, FONT_FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true));
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Optional<File> firstExisting(List<String> paths) {
        return paths.stream().map(File::new).filter(File::isFile).findFirst();
    }
}
