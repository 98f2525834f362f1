package fovea.vision;

import fovea.tensor.Generator;

/** The textured backgrounds of Fashion scenes, [3, size, size] in [0, 1]: smooth noise, a gradient or stripes. */
final class Backgrounds {
    private Backgrounds() {}

    /** One of the three textures, chosen and drawn from {@code random}; darker than the tinted items. */
    static float[] texture(Generator random, int size) {
        int kind = random.nextInt(3);
        float[] image = new float[3 * size * size];
        float[] low = colour(random);
        float[] high = colour(random);
        if (kind == 0) {                                     // smooth noise: a 5x5 grid per channel, bilinear between
            int grid = 5;
            for (int c = 0; c < 3; c++) {
                float[] knots = new float[grid * grid];
                for (int i = 0; i < knots.length; i++) knots[i] = random.nextFloat();
                for (int y = 0; y < size; y++) {
                    double gy = y * (grid - 1) / (double) (size - 1);
                    int y0 = Math.min(grid - 2, (int) gy);
                    double fy = gy - y0;
                    for (int x = 0; x < size; x++) {
                        double gx = x * (grid - 1) / (double) (size - 1);
                        int x0 = Math.min(grid - 2, (int) gx);
                        double fx = gx - x0;
                        double t = (knots[y0 * grid + x0] * (1 - fx) + knots[y0 * grid + x0 + 1] * fx) * (1 - fy)
                                + (knots[(y0 + 1) * grid + x0] * (1 - fx) + knots[(y0 + 1) * grid + x0 + 1] * fx) * fy;
                        image[c * size * size + y * size + x] = (float) (low[c] + (high[c] - low[c]) * t);
                    }
                }
            }
            return image;
        }
        double angle = random.nextDouble() * Math.PI;
        double period = 6 + random.nextDouble() * 14;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double along = (x * Math.cos(angle) + y * Math.sin(angle)) / size;
                double t = kind == 1 ? Math.max(0, Math.min(1, along * 0.7 + 0.3))
                        : 0.5 + 0.5 * Math.sin(2 * Math.PI * along * size / period);
                for (int c = 0; c < 3; c++) image[c * size * size + y * size + x] = (float) (low[c] + (high[c] - low[c]) * t);
            }
        }
        return image;
    }

    private static float[] colour(Generator random) {
        return new float[] {0.05f + 0.4f * random.nextFloat(), 0.05f + 0.4f * random.nextFloat(), 0.05f + 0.4f * random.nextFloat()};
    }
}
