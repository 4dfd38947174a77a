package org.compactaudit.response;

import java.util.List;

import io.quarkus.qute.TemplateGlobal;

import org.compactaudit.tool.Grade;

/** Values every response template may use. */
@TemplateGlobal
public class RespondGlobals {

    /** The grades in the order the radios show them. */
    public static List<Grade> gradeScale() {
        return List.of(Grade.values());
    }
}
