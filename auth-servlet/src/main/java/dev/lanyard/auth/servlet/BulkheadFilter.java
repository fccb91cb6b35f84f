package dev.lanyard.auth.servlet;

import dev.lanyard.auth.OAuthError;
import dev.lanyard.auth.servlet.internal.PathPattern;
import dev.lanyard.auth.servlet.internal.Responses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets at most a fixed number of requests at once into the endpoints behind it, and answers the
 * others at once with 503 {@code temporarily_unavailable} and {@code Retry-After}: a bulkhead, so that
 * a slow or stalled store (a database that no longer answers) can hold only that many of the
 * container's threads. The endpoints outside it, or on its {@code except} paths (the JWKS, the
 * metadata, static pages), keep their threads and keep answering.
 *
 * <p>A permit is held while the filter chain runs on a thread, not while the request waits for its
 * body: Lanyard's endpoints read bodies asynchronously and then run again in an {@code ASYNC} dispatch,
 * so map the filter for {@code REQUEST} and {@code ASYNC}. A request refused before its body was read
 * is answered with {@code Connection: close} rather than reading the body.
 *
 * <p>Why here and not in the store or the pool: the bulkhead must bound the threads of the
 * container, and only the servlet layer sees them; it works the same with any store behind the
 * endpoints (JDBC, LDAP, a remote service), and it answers as the endpoints do, before any of their
 * work. Size it at about twice the connection pool: requests beyond the pool wait for its acquisition
 * timeout (and are then answered 503 themselves); requests beyond the bulkhead do not wait at all.
 *
 * <pre>{@code
 * FilterRegistration.Dynamic f = context.addFilter("lanyard-bulkhead", BulkheadFilter.builder(20)
 *         .except("/oauth2/jwks", "/.well-known/*")
 *         .retryAfter(Duration.ofSeconds(2))
 *         .build());
 * f.setAsyncSupported(true);
 * f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
 * }</pre>
 *
 * <p>In {@code web.xml} (with {@code <async-supported>true</async-supported>} and the two dispatcher
 * types), with the init parameters {@code max-concurrent} (required, a positive number),
 * {@code max-wait} (how long a request may wait for a permit: milliseconds or an ISO-8601 duration;
 * default 0), {@code retry-after} (seconds, default 1) and {@code except-paths} (comma-separated
 * patterns). A wrong parameter fails the filter's start with a message naming it.
 */
public final class BulkheadFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(BulkheadFilter.class);
    /** How often, at most, a full bulkhead is logged. */
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private int maxConcurrent;
    private Duration maxWait;
    private Duration retryAfter;
    private List<PathPattern> except;
    private Semaphore permits;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /** For {@code web.xml}: configured from init parameters in {@link #init}. */
    public BulkheadFilter() {
    }

    private BulkheadFilter(Builder b) {
        configure(b);
    }

    /**
     * Starts a bulkhead letting {@code maxConcurrent} requests in at once.
     *
     * @param maxConcurrent how many requests may run behind the filter at the same time, at least 1
     * @return a builder: no waiting for a permit, {@code Retry-After: 1}, no excepted paths
     * @throws IllegalArgumentException when {@code maxConcurrent} is below 1
     */
    public static Builder builder(int maxConcurrent) {
        return new Builder(maxConcurrent);
    }

    private void configure(Builder b) {
        this.maxConcurrent = b.maxConcurrent;
        this.maxWait = b.maxWait;
        this.retryAfter = b.retryAfter;
        this.except = List.copyOf(b.except);
        this.permits = new Semaphore(maxConcurrent, true);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (permits != null) {
            return;
        }
        try {
            configure(fromInitParameters(filterConfig));
        } catch (IllegalArgumentException e) {
            throw new ServletException("BulkheadFilter '" + filterConfig.getFilterName() + "': " + e.getMessage(), e);
        }
    }

    private static Builder fromInitParameters(FilterConfig fc) {
        String max = fc.getInitParameter("max-concurrent");
        if (max == null || !max.trim().matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("the init parameter max-concurrent must be a positive number, got '"
                    + (max == null ? "" : max) + "'");
        }
        Builder b = builder(Integer.parseInt(max.trim()));
        String wait = fc.getInitParameter("max-wait");
        if (wait != null) {
            b.maxWait(duration("max-wait", wait.trim(), TimeUnit.MILLISECONDS));
        }
        String retry = fc.getInitParameter("retry-after");
        if (retry != null) {
            b.retryAfter(duration("retry-after", retry.trim(), TimeUnit.SECONDS));
        }
        String paths = fc.getInitParameter("except-paths");
        if (paths != null) {
            b.except(Arrays.stream(paths.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new));
        }
        return b;
    }

    private static Duration duration(String name, String value, TimeUnit unit) {
        try {
            return value.matches("[0-9]{1,9}") ? Duration.ofNanos(unit.toNanos(Long.parseLong(value)))
                    : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the init parameter " + name + " must be a number of "
                    + unit.name().toLowerCase(java.util.Locale.ROOT) + " or an ISO-8601 duration (PT2S), got '"
                    + value + "'", e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (isExcepted(path(request))) {
            chain.doFilter(request, response);
            return;
        }
        if (!acquire()) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /**
     * How many requests this filter has refused since it started.
     *
     * @return the count
     */
    public long refused() {
        return refused.get();
    }

    /**
     * How many requests are running behind the filter now.
     *
     * @return between 0 and {@code maxConcurrent}
     */
    public int inUse() {
        return maxConcurrent - permits.availablePermits();
    }

    private boolean acquire() {
        try {
            return maxWait.isZero() ? permits.tryAcquire() : permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refused.incrementAndGet();
        warnNowAndThen();
        if (response.isCommitted()) {
            return;
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && hasBody(request)) {
            // reading the body would hold the very thread this filter is saving
            response.setHeader("Connection", "close");
        }
        Responses.noStore(response);
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", OAuthError.TEMPORARILY_UNAVAILABLE.code());
        body.put("error_description", "the server is busy; retry later");
        Responses.json(response, 503, body);
    }

    private void warnNowAndThen() {
        refusedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("all {} permits in use (a slow store?): refused {} request(s) with 503 since the last warning",
                    maxConcurrent, refusedSinceWarning.getAndSet(0));
        }
    }

    private boolean isExcepted(String path) {
        for (PathPattern p : except) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    }

    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** Builds a {@link BulkheadFilter}; each setting checked when it is set. */
    public static final class Builder {
        private final int maxConcurrent;
        private Duration maxWait = Duration.ZERO;
        private Duration retryAfter = Duration.ofSeconds(1);
        private final List<PathPattern> except = new ArrayList<>();

        private Builder(int maxConcurrent) {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
            }
            this.maxConcurrent = maxConcurrent;
        }

        /**
         * How long a request may wait for a permit before it is refused; default zero (refused at once).
         * A waiting request holds its thread, so keep it short.
         *
         * @param maxWait zero or more, at most 10 seconds
         * @return this builder
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("maxWait must be between 0 and 10 seconds, got " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /**
         * The {@code Retry-After} of a refusal, rounded up to whole seconds; default 1 second.
         *
         * @param retryAfter at least 1 millisecond
         * @return this builder
         */
        public Builder retryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.toMillis() < 1) {
                throw new IllegalArgumentException("retryAfter must be positive, got " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Paths the filter lets through without a permit (servlet-style patterns, matched against the
         * path inside the context): endpoints that need no store, such as {@code /oauth2/jwks}.
         *
         * @param patterns {@code /exact}, {@code /prefix/*} or {@code *.ext}
         * @return this builder
         */
        public Builder except(String... patterns) {
            for (String p : patterns) {
                except.add(new PathPattern(p));
            }
            return this;
        }

        /**
         * The filter.
         *
         * @return a new filter with these settings
         */
        public BulkheadFilter build() {
            return new BulkheadFilter(this);
        }
    }
}
