package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;

class NotebookRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void errorOutputsAreFoundByCell() throws Exception {
        Path nb = Files.writeString(tmp.resolve("fig2.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "source": ["# fig2"]},
                  {"cell_type": "code", "execution_count": 1, "outputs": [{"output_type": "stream", "name": "stderr", "text": "warn"}]},
                  {"cell_type": "code", "execution_count": 2, "outputs": [
                    {"output_type": "error", "ename": "CompilationException", "evalue": "cell [2] line 3: cannot find symbol", "traceback": []}]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        List<NotebookRunner.CellError> errors = NotebookRunner.errorsIn(nb);
        assertEquals(List.of(new NotebookRunner.CellError(3, 2, "CompilationException", "cell [2] line 3: cannot find symbol")), errors);
        NotebookRunner.Outcome o = new NotebookRunner.Outcome(nb, nb, nb, errors, null);
        assertEquals(List.of(nb + ": cell 3 [2]: CompilationException: cell [2] line 3: cannot find symbol"), o.problems());
    }

    @Test
    void notANotebookIsInputError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("x.ipynb"), "{\"nbformat\": 4}");
        InputException e = assertThrows(InputException.class, () -> NotebookRunner.errorsIn(bad));
        assertEquals(bad + ": expected a notebook with a 'cells' array, found none", e.getMessage());
    }

    @Test
    void notebooksAreListedSorted() throws Exception {
        Files.writeString(tmp.resolve("b.ipynb"), "{}");
        Files.writeString(tmp.resolve("a.ipynb"), "{}");
        Files.writeString(tmp.resolve("notes.txt"), "");
        assertEquals(List.of(tmp.resolve("a.ipynb"), tmp.resolve("b.ipynb")), NotebookRunner.notebooksIn(tmp));
    }
}
