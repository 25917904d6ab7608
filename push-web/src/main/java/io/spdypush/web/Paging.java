package io.spdypush.web;

import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.function.BiFunction;

/** The {@code offset} and {@code limit} of a listing a page at a time, read from the query (a bad one is a 400). */
record Paging(int offset, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** What a listing's query may hold; a misspelt {@code search} would otherwise list everything. */
    static final List<String> LISTING_PARAMETERS = List.of("offset", "limit", "search");

    /** The paging of a listing whose query may hold only {@link #LISTING_PARAMETERS}. */
    static Paging ofListing(UriInfo uri, String offset, String limit) {
        BadParameterException.onlyKnown(uri.getQueryParameters().keySet(), LISTING_PARAMETERS, "query parameter");
        return new Paging((int) BadParameterException.number("offset", offset, 0, 0, Integer.MAX_VALUE), limit(limit));
    }

    /** The {@code limit} query parameter: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    static int limit(String limit) {
        return (int) BadParameterException.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** The page, from a source asked for one item more than it holds: that item says whether another follows. */
    <T> Page<T> fetch(BiFunction<Integer, Integer, List<T>> source) {
        List<T> items = source.apply(offset, limit + 1);
        boolean more = items.size() > limit;
        return new Page<>(more ? items.subList(0, limit) : items, more);
    }

    record Page<T>(List<T> items, boolean more) {
    }
}
