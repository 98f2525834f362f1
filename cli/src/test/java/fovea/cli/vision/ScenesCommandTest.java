package fovea.cli.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fovea.cli.Fixtures;
import fovea.cli.MainTest;
import fovea.vision.Coco;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fovea scenes make: a COCO folder that the reader takes back, the same for the same seed, bad options refused. */
class ScenesCommandTest {
    @TempDir Path dir;

    @Test void makeWritesACocoFolderTheSameForTheSameSeed() throws Exception {
        for (String name : new String[] {"a", "b"}) {
            MainTest.Run run = MainTest.run("scenes", "make", "--data", Fixtures.fashionSample().toString(), "--out",
                    dir.resolve(name).toString(), "--count", "6", "--split", "test", "--seed", "3");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("wrote 6 test scenes (64x64, 1:4 items"), run.out());
        }
        Coco.Data a = Coco.read(dir.resolve("a"));
        Coco.Data b = Coco.read(dir.resolve("b"));
        assertEquals(6, a.images().size());
        assertEquals(11, a.classes().size());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.images().get(i).mask().toArray(), b.images().get(i).mask().toArray(), 0f);
            assertArrayEquals(a.images().get(i).image().toArray(), b.images().get(i).image().toArray(), 0f);
        }
    }

    @Test void badOptionsAreUsageErrors() {
        MainTest.Run split = MainTest.run("scenes", "make", "--out", dir.toString(), "--split", "tset");
        assertEquals(2, split.code());
        assertTrue(split.err().contains("unknown --split 'tset'; did you mean test?"), split.err());
        MainTest.Run small = MainTest.run("scenes", "make", "--out", dir.toString(), "--size", "32");
        assertEquals(2, small.code());
        assertTrue(small.err().contains("28 x maxScale <= size"), small.err());
        assertEquals(2, MainTest.run("scenes", "make", "--out", dir.toString(), "--items", "4").code());
    }
}
