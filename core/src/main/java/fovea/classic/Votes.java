package fovea.classic;

/** The majority vote of nearest neighbours, a tie going to the smallest label (scikit-learn's and the course's rule). */
public final class Votes {
    private Votes() {}

    /**
     * The label that occurs most often among labels[from .. from+k); of labels tied for the most votes, the smallest.
     * Labels must be in 0..classCount-1.
     */
    public static int majority(int[] labels, int from, int k, int classCount) {
        if (k < 1 || from < 0 || from + k > labels.length) {
            throw new IllegalArgumentException("Votes.majority: expected 1 <= k and " + from + " + k <= " + labels.length
                    + "; got k=" + k);
        }
        int[] counts = new int[classCount];
        for (int i = from; i < from + k; i++) counts[labels[i]]++;
        int best = 0;
        for (int c = 1; c < classCount; c++) {
            if (counts[c] > counts[best]) best = c;         // strictly more: a tie keeps the smaller label
        }
        return best;
    }
}
