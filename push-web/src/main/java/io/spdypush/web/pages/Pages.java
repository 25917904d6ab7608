package io.spdypush.web.pages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** What the page beans share: telling the user what went wrong, next to the form. */
final class Pages {

    private Pages() {
    }

    static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }
}
