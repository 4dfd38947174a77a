package org.compactaudit.response;

import java.util.List;

/** Submit refused: the questions still missing something, in the order of the return. */
public class IncompleteReturn extends RuntimeException {

    public record Item(String standardKey, String questionKey, String problem) {
    }

    public final List<Item> items;

    public IncompleteReturn(List<Item> items) {
        super("You cannot submit yet: " + items.size() + (items.size() == 1 ? " question is" : " questions are") + " not complete");
        this.items = items;
    }
}
