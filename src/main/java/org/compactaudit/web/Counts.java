package org.compactaudit.web;

import io.quarkus.qute.TemplateExtension;

/** A count with its noun, so no page says "1 chasers": {count:of(n, 'chaser', 'chasers')} gives "1 chaser". */
@TemplateExtension(namespace = "count")
public final class Counts {

    private Counts() {
    }

    public static String of(Number n, String singular, String plural) {
        return n + " " + (n.longValue() == 1 ? singular : plural);
    }
}
