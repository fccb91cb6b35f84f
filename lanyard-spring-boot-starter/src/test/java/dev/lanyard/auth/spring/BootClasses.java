package dev.lanyard.auth.spring;

/**
 * Spring Boot auto-configurations the tests exclude, by both of their names: Boot 4.0 moved them into modules
 * of their own, and these tests run on Boot 4.0 (this module) and Boot 3.5 (lanyard-spring-boot3-tests). An
 * exclude naming a class that is not on the class path is ignored, so each version excludes its own.
 */
public final class BootClasses {

    /** Boot 4.0's {@code DataSourceAutoConfiguration}. */
    public static final String DATA_SOURCE_BOOT_4 = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    /** Boot 3.5's {@code DataSourceAutoConfiguration}. */
    public static final String DATA_SOURCE_BOOT_3 = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";

    /** The property that leaves the app without a DataSource on either version. */
    public static final String EXCLUDE_DATA_SOURCE = "spring.autoconfigure.exclude=" + DATA_SOURCE_BOOT_4 + "," + DATA_SOURCE_BOOT_3;

    private BootClasses() {
    }
}
