package io.spdypush.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /push/api}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
