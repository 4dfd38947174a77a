package org.compactaudit.web;

import java.util.List;
import java.util.stream.IntStream;

/** One page of a long list, with what the pagination component needs. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public int getPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < getPages();
    }

    public long getFirstItem() {
        return total == 0 ? 0 : (long) (number - 1) * size + 1;
    }

    public long getLastItem() {
        return Math.min(total, (long) number * size);
    }

    public List<Integer> getNumbers() {
        return IntStream.rangeClosed(1, getPages()).boxed().toList();
    }
}
