package org.compactaudit.reporting;

import java.util.List;
import java.util.Locale;

import org.compactaudit.reporting.RoundReport.StandardFigures;
import org.compactaudit.tool.Grade;

/**
 * A server-rendered horizontal stacked-bar chart (SVG) of agencies by derived standard grade, one bar per
 * standard, with the same numbers as the table beside it. Grades differ by colour AND by pattern, and every
 * wide-enough segment carries its count, so the chart does not rely on colour alone.
 */
final class GradeChart {

    private static final List<Grade> GRADES = List.of(Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT,
            Grade.INADEQUATE);
    private static final String[] FILL = {"#00703c", "#1d70b8", "url(#app-pattern-ri)", "url(#app-pattern-i)"};
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_WIDTH = 480;
    private static final int ROW = 34;
    private static final int BAR_HEIGHT = 24;
    private static final int TOP = 50;

    private GradeChart() {
    }

    static String svg(String id, List<StandardFigures> standards) {
        int height = TOP + standards.size() * ROW + 10;
        int width = LABEL_WIDTH + BAR_WIDTH + 130;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" aria-labelledby=\"").append(id).append("-title ")
                .append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">Agencies by standard grade, all sectors</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description(standards))).append("</desc>");
        svg.append("<defs>")
                .append("<pattern id=\"app-pattern-ri\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#f47738\"/><rect width=\"3\" height=\"8\" fill=\"#ffbf47\"/></pattern>")
                .append("<pattern id=\"app-pattern-i\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#942514\"/><path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#d4351c\" stroke-width=\"2\"/></pattern>")
                .append("</defs>");
        int x = 0;
        for (int g = 0; g < GRADES.size(); g++) {
            svg.append("<rect x=\"").append(x).append("\" y=\"8\" width=\"18\" height=\"18\" fill=\"").append(FILL[g])
                    .append("\" stroke=\"#0b0c0c\"/>");
            svg.append("<text x=\"").append(x + 24).append("\" y=\"22\" font-size=\"14\" fill=\"#0b0c0c\">")
                    .append(GRADES.get(g).label).append("</text>");
            x += 24 + GRADES.get(g).label.length() * 8 + 20;
        }
        int y = TOP;
        for (StandardFigures standard : standards) {
            Distribution d = standard.total();
            svg.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"14\" fill=\"#0b0c0c\">")
                    .append(escape(truncate(standard.title()))).append("</text>");
            double bx = LABEL_WIDTH;
            for (int g = 0; g < GRADES.size(); g++) {
                long n = d.count(GRADES.get(g));
                if (n == 0 || d.graded() == 0) {
                    continue;
                }
                double w = BAR_WIDTH * (double) n / d.graded();
                svg.append("<rect x=\"").append(fmt(bx)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(FILL[g])
                        .append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>");
                if (w >= 28) {
                    // the count on a plain backing so it keeps AA contrast over the patterns
                    String label = String.valueOf(n);
                    double lw = label.length() * 8 + 6;
                    double lx = bx + w / 2 - lw / 2;
                    svg.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(y + 4).append("\" width=\"")
                            .append(fmt(lw)).append("\" height=\"16\" fill=\"").append(g == 2 ? "#ffffff" : "#0b0c0c")
                            .append("\"/>");
                    svg.append("<text x=\"").append(fmt(bx + w / 2)).append("\" y=\"").append(y + 17)
                            .append("\" font-size=\"13\" text-anchor=\"middle\" fill=\"")
                            .append(g == 2 ? "#0b0c0c" : "#ffffff").append("\">").append(label).append("</text>");
                }
                bx += w;
            }
            svg.append("<text x=\"").append(LABEL_WIDTH + BAR_WIDTH + 8).append("\" y=\"").append(y + 17)
                    .append("\" font-size=\"14\" fill=\"#0b0c0c\">of ").append(d.graded()).append(" graded</text>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    private static String description(List<StandardFigures> standards) {
        StringBuilder text = new StringBuilder();
        for (StandardFigures s : standards) {
            Distribution d = s.total();
            text.append(s.title()).append(": ");
            for (Grade g : GRADES) {
                text.append(d.count(g)).append(' ').append(g.label).append(", ");
            }
            text.append("of ").append(d.graded()).append(" graded. ");
        }
        return text.toString().trim();
    }

    private static String truncate(String title) {
        return title.length() > 32 ? title.substring(0, 31) + "…" : title;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
