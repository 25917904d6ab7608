package io.spdypush.web.pages;

/**
 * A {@link PagedView} of the rows whose name starts with what was searched for.
 *
 * @param <T> a row
 */
public abstract class SearchedPagedView<T> extends PagedView<T> {

    private String search = "";

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search == null ? "" : search.strip();
    }
}
