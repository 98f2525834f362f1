/**
 * Vision beyond one label per image on the command line: {@code fovea scenes make} writes Fashion scenes (masks and
 * boxes, {@link fovea.vision.FashionScenes}) in COCO's format. May import {@code fovea.cli} and core, no other job.
 */
package fovea.cli.vision;
