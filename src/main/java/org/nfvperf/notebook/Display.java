package org.nfvperf.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.util.UUID;

/**
 * The {@code display(...)} and {@code render(...)} functions of notebook cells (imported
 * statically by the kernel's start-up script, with the same names and signatures as IJava's).
 *
 * <p>{@code render} turns a value into Jupyter display data (a cell that returns it shows it);
 * {@code display} sends it right away, so a cell can show several figures, and returns the
 * display id for {@code updateDisplay}. Without a running kernel, {@code render} still works
 * (with {@link Renderers#newRenderer()}) while {@code display} throws.
 *
 * <p>Thread-safe as far as the kernel's I/O is: call from the cell's thread.
 * <pre>{@code
 * display(table);                              // HTML table now
 * render(chart, "image/svg+xml")               // as the cell's result: SVG instead of PNG
 * String id = display("waiting ...");
 * updateDisplay(id, chart);
 * }</pre>
 */
public final class Display {
    private static final Renderer STANDALONE = Renderers.newRenderer();

    private Display() {
    }

    private static Renderer renderer() {
        NfvperfKernel k = NfvperfKernel.current();
        return k == null ? STANDALONE : k.getRenderer();
    }

    private static NfvperfKernel kernel() {
        NfvperfKernel k = NfvperfKernel.current();
        if (k == null) {
            throw new IllegalStateException("no Jupyter kernel is running in this JVM; use render(...) instead of display(...)");
        }
        return k;
    }

    /** Renders a value in its preferred MIME types. */
    public static DisplayData render(Object o) {
        return renderer().render(o);
    }

    /** Renders a value as the given MIME types, e.g. {@code "image/svg+xml"}. */
    public static DisplayData render(Object o, String... as) {
        return renderer().renderAs(o, as);
    }

    /** Shows a value now; returns its display id. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows a value now as the given MIME types; returns its display id. */
    public static String display(Object o, String... as) {
        return show(render(o, as));
    }

    private static String show(DisplayData data) {
        NfvperfKernel k = kernel();
        if (data.getDisplayId() == null) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        k.display(data);
        return data.getDisplayId();
    }

    /** Replaces what display {@code id} shows. */
    public static void updateDisplay(String id, Object o) {
        kernel().getIO().display.updateDisplay(id, render(o));
    }

    /** Replaces what display {@code id} shows, rendered as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... as) {
        kernel().getIO().display.updateDisplay(id, render(o, as));
    }
}
