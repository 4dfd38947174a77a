package org.compactaudit.response;

import java.util.List;

/** Submit refused: the questions still missing something, in the order of the return. */
public class IncompleteReturn extends RuntimeException {

    /**
     * One incomplete question: {@code problem} ends "This question ...", {@code field} names the answer's field at
     * fault as the API names it, {@code message} is the sentence the pages show.
     */
    public record Item(String standardKey, String questionKey, String problem, String field, String message) {
        static Item of(ReturnView.QuestionView q) {
            return new Item(q.question().standard.key, q.question().key, q.problem().text(), q.problem().field(), q.fix());
        }
    }

    public final List<Item> items;

    public IncompleteReturn(List<Item> items) {
        super("You cannot submit yet: " + items.size() + (items.size() == 1 ? " question is" : " questions are") + " not complete");
        this.items = items;
    }
}
