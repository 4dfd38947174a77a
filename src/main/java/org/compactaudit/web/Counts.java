package org.compactaudit.web;

import io.quarkus.qute.TemplateExtension;

/** A number with its noun in the right form: "1 question", "3 questions"; {count:of(n, 'question', 'questions')}. */
@TemplateExtension(namespace = "count")
public final class Counts {

    private Counts() {
    }

    public static String of(Number count, String one, String many) {
        return count + " " + noun(count, one, many);
    }

    /** Only the noun, for sentences that put the number elsewhere: "1 of 2 returns". */
    public static String noun(Number count, String one, String many) {
        return count.longValue() == 1 ? one : many;
    }
}
