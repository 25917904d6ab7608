package io.spdypush.bench.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under {@code /bench/api}. */
@ApplicationPath("api")
public class BenchApplication extends Application {
}
