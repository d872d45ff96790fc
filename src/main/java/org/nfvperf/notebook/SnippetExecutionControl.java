package org.nfvperf.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution engine that runs snippets inside the kernel's own JVM (like JShell's
 * {@code local} engine) and hands the evaluated objects, not just their strings, back to the
 * kernel so that a returned chart or table can be rendered.
 *
 * <p>Each top-level snippet runs on a fresh worker thread while the JShell thread waits for
 * it. That is what makes {@link #stop()} (a Jupyter interrupt) and the per-snippet time limit
 * possible: the worker is interrupted first, which ends {@code Thread.sleep}, blocking I/O and
 * any loop that checks its interrupt flag; if it is still running after
 * {@value #GRACE_MILLIS} ms it is stopped with {@code Thread.stop} where the JVM still
 * supports that (Java 17 to 19), which also ends a busy loop.
 *
 * <p>{@link #invoke(Method)} returns a key instead of the value's string; JShell reports that
 * key as the snippet's value, and {@link #takeValue(String)} exchanges it for the object.
 *
 * <p>Thread-safety: one JShell thread evaluates; {@link #stop()} may be called from any thread.
 * <pre>{@code
 * SnippetExecutionControl.Provider provider = new SnippetExecutionControl.Provider(-1);
 * JShell shell = JShell.builder().executionEngine(provider, Map.of()).build();
 * String key = shell.eval("1 + 2").get(0).value();
 * Object three = provider.control().takeValue(key);   // Integer 3
 * }</pre>
 */
public final class SnippetExecutionControl extends DirectExecutionControl {
    /** How long an interrupted snippet may take to finish before it is stopped by force. */
    public static final long GRACE_MILLIS = 300;
    /** Prefix of the keys {@link #invoke(Method)} returns. */
    static final String KEY_PREFIX = "\u0000nfvperf-value#";

    private final long timeoutNanos;
    private final Map<String, Object> values = new HashMap<>();
    private final AtomicReference<Thread> worker = new AtomicReference<>();
    private long nextKey;
    private volatile boolean stopRequested;

    /**
     * @param timeoutNanos limit per snippet in nanoseconds, -1 for none
     */
    public SnippetExecutionControl(long timeoutNanos) {
        if (timeoutNanos < -1 || timeoutNanos == 0) {
            throw new IllegalArgumentException("timeoutNanos must be -1 (none) or > 0: " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(doitMethod.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e);
            } catch (Throwable e) { // ThreadDeath from a forced stop lands here as well
                failure.set(e);
            }
        }, "nfvperf-snippet");
        t.setDaemon(true);
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        worker.set(t);
        boolean timedOut = false;
        try {
            if (stopRequested) {
                throw new InvocationTargetException(new CellException.EvaluationInterruptedException());
            }
            t.start();
            // A stop() that saw no worker yet has set the flag before this check, or sees the worker and halts it.
            if (stopRequested) {
                halt(t);
            }
            if (timeoutNanos > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, timeoutNanos);
                if (t.isAlive()) {
                    timedOut = true;
                    halt(t);
                }
            }
            t.join();
        } finally {
            worker.set(null);
        }
        // Wrapped so that JShell reports them as the snippet's exception (other throwables become internal errors).
        if (timedOut) {
            throw new InvocationTargetException(new CellException.EvaluationTimeoutException(timeoutNanos));
        }
        if (stopRequested) {
            throw new InvocationTargetException(new CellException.EvaluationInterruptedException());
        }
        if (failure.get() instanceof InvocationTargetException ite) {
            throw ite;
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new InvocationTargetException(failure.get());
        }
        String key = KEY_PREFIX + (nextKey++);
        synchronized (values) {
            values.put(key, result.get());
        }
        return key;
    }

    /**
     * Exchanges a key from a snippet event's value for the object the snippet evaluated to.
     *
     * @return the object, or {@code fallback} when the key is not one of ours (e.g. a variable's
     *         string value that JShell computed itself)
     */
    public Object takeValue(String key, Object fallback) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return fallback;
        }
        synchronized (values) {
            return values.containsKey(key) ? values.remove(key) : fallback;
        }
    }

    /** True if {@code value} is a key handed out by {@link #invoke(Method)}. */
    public static boolean isKey(String value) {
        return value != null && value.startsWith(KEY_PREFIX);
    }

    /** Forgets a stop request of an earlier cell; called before each cell. */
    public void resetStop() {
        stopRequested = false;
    }

    /** Forgets every value not taken yet (called after each cell so nothing leaks). */
    public void clearValues() {
        synchronized (values) {
            values.clear();
        }
    }

    /**
     * Stops the snippet running now (interrupt, then force after {@value #GRACE_MILLIS} ms) and
     * every later snippet until {@link #resetStop()}, so that a stop arriving while a snippet is
     * still being compiled is not lost.
     */
    @Override
    public void stop() {
        stopRequested = true;
        Thread t = worker.get();
        if (t != null) {
            halt(t);
        }
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void halt(Thread t) {
        t.interrupt();
        try {
            t.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                // Java 20+: only code that reacts to interrupts can be stopped; the join in invoke keeps waiting.
                System.err.println("nfvperf kernel: the running snippet ignores interrupts and this JVM ("
                        + Runtime.version() + ") cannot force threads to stop; it keeps running");
            }
        }
    }

    /**
     * Creates the engine for {@code JShell.builder().executionEngine(provider, Map.of())} and keeps a
     * reference to it for the kernel. Not thread-safe; one provider per shell.
     */
    public static final class Provider implements ExecutionControlProvider {
        private final long timeoutNanos;
        private SnippetExecutionControl control;

        /** @param timeoutNanos limit per snippet in nanoseconds, -1 for none */
        public Provider(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public String name() {
            return "nfvperf-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new SnippetExecutionControl(timeoutNanos);
            return control;
        }

        /** The engine generated for the shell; throws if the shell has not been built yet. */
        public SnippetExecutionControl control() {
            if (control == null) {
                throw new IllegalStateException("the JShell using this provider has not been built yet");
            }
            return control;
        }
    }
}
