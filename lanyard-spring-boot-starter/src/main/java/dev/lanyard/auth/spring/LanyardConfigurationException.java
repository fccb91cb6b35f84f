package dev.lanyard.auth.spring;

/**
 * A {@code lanyard.*} property is missing or refused: the application does not start, and the message says
 * which property to set and how.
 *
 * <pre>{@code
 * throw new LanyardConfigurationException("lanyard.issuer",
 *         "is required: the URL of this authorization server, such as https://auth.example.com");
 * }</pre>
 */
public class LanyardConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The property at fault. */
    private final String property;

    /**
     * Refuses a property.
     *
     * @param property the property's name, such as {@code lanyard.issuer}
     * @param problem  what is wrong and what to set, in words that follow the property's name
     */
    public LanyardConfigurationException(String property, String problem) {
        super(property + " " + problem);
        this.property = property;
    }

    /**
     * Refuses a property, with the failure behind it.
     *
     * @param property the property's name
     * @param problem  what is wrong and what to set
     * @param cause    the library's own refusal
     */
    public LanyardConfigurationException(String property, String problem, Throwable cause) {
        super(property + " " + problem, cause);
        this.property = property;
    }

    /**
     * The property to change.
     *
     * @return its name, such as {@code lanyard.issuer}
     */
    public String property() {
        return property;
    }
}
