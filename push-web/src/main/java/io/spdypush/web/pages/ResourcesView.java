package io.spdypush.web.pages;

import io.spdypush.ejb.bundle.ResourceBundler;
import io.spdypush.ejb.bundle.ResourceSummary;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/**
 * Backs the resources page: one page of the resources that business requests are answered from
 * (registered by the application, or files of the static directory), searched by path prefix, each
 * with the sub-resources pushed with it. The bundler pages them itself, so that 100 000 files cost
 * no more than fifty.
 */
@Named
@RequestScoped
public class ResourcesView extends SearchedPagedView<ResourceSummary> {

    @EJB
    private ResourceBundler bundler;

    public List<ResourceSummary> getResources() {
        return rows();
    }

    /** Paths start with a slash: a search without one is taken to mean it. */
    @Override
    public void setSearch(String search) {
        super.setSearch(search);
        if (!getSearch().isEmpty() && !getSearch().startsWith("/")) {
            super.setSearch("/" + getSearch());
        }
    }

    @Override
    protected List<ResourceSummary> fetch(int offset, int limit) {
        return bundler.resources(getSearch(), offset, limit);
    }
}
