package io.spdypush.web.pages;

import java.util.List;

/**
 * A page of a list too long to show whole (sessions, topics, stored messages, resources): it asks for one row
 * more than a page, once per request, to know whether another page follows without counting them all.
 *
 * @param <T> a row
 */
public abstract class PagedView<T> {

    static final int PAGE_SIZE = 50;

    private int page;
    private List<T> rows;
    private boolean more;

    /** Up to {@code limit} rows from {@code offset}. */
    protected abstract List<T> fetch(int offset, int limit);

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }

    /** The number of this page's first row, from 1. */
    public int getFirst() {
        return page * PAGE_SIZE + 1;
    }

    public boolean isMore() {
        load();
        return more;
    }

    protected List<T> rows() {
        load();
        return rows;
    }

    private void load() {
        if (rows == null) {
            List<T> found = fetch(page * PAGE_SIZE, PAGE_SIZE + 1);
            more = found.size() > PAGE_SIZE;
            rows = more ? found.subList(0, PAGE_SIZE) : found;
        }
    }
}
