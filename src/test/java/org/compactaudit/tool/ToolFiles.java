package org.compactaudit.tool;

/** Small tool files for tests: two standards, three questions, under the tool key given. */
final class ToolFiles {

    private ToolFiles() {
    }

    static String small(String toolKey) {
        return small(toolKey, "Staff know who the designated safeguarding lead is.");
    }

    /** The same file with the first question's text chosen by the test. */
    static String small(String toolKey, String firstQuestionText) {
        return """
                # A small tool for tests; comments never count as a change.
                toolKey: %s
                version: "2018-19"
                variant: full
                title: Test tool
                sectors: [statutory, health, school]
                standards:
                  - key: leadership
                    title: Leadership and accountability
                    description: Senior managers are committed to safeguarding.
                    questions:
                      - key: named-lead
                        text: %s
                        naAllowed: false
                        guidance:
                          outstanding: Everyone knows the lead.
                          good: Most staff know the lead.
                          requiresImprovement: Some staff know the lead.
                          inadequate: Nobody knows the lead.
                      - key: board-lead
                        text: The board has a named safeguarding lead.
                        naAllowed: true
                        sectors: [health]
                        guidance:
                          outstanding: The board lead reports every quarter.
                          good: The board lead reports every year.
                          requiresImprovement: The board lead rarely reports.
                          inadequate: There is no board lead.
                  - key: training
                    title: Training
                    description: Staff are trained for their role.
                    questions:
                      - key: induction
                        text: New staff have safeguarding training at induction.
                        naAllowed: false
                        guidance:
                          outstanding: All new staff within a week.
                          good: All new staff within a month.
                          requiresImprovement: Some new staff.
                          inadequate: No induction training.
                """.formatted(toolKey, firstQuestionText);
    }
}
