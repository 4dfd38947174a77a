package org.compactaudit.tool;

import java.util.List;
import java.util.stream.Collectors;

/** A tool file that cannot be read as a valid tool definition, with every problem found. */
public class ToolFileException extends RuntimeException {

    private final String source;
    private final List<ToolProblem> problems;

    public ToolFileException(String source, List<ToolProblem> problems) {
        super(source + " is not a valid audit tool file:\n  "
                + problems.stream().map(ToolProblem::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<ToolProblem> problems() {
        return problems;
    }
}
