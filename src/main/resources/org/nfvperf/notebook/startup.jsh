import java.util.*;
import java.util.function.*;
import java.util.stream.*;
import java.io.*;
import java.nio.file.*;
import java.time.*;
import static org.nfvperf.notebook.Display.*;
void printf(String format, Object... args) { System.out.printf(format, args); }
