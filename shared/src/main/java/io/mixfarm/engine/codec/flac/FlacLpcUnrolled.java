package io.mixfarm.engine.codec.flac;

/**
 * LPC restore loops unrolled per order (1 to 12, every order libFLAC's presets use), with the
 * coefficients held in locals; 32-bit sums. {@code c[j]} multiplies {@code s[i - order + j]}.
 * Generated code: each case is the same loop written out for one order.
 */
final class FlacLpcUnrolled {

    private FlacLpcUnrolled() {
    }

    static void restore(int[] s, int n, int[] c, int order, int shift) {
        switch (order) {
            case 1:
                order1(s, n, c, shift);
                break;
            case 2:
                order2(s, n, c, shift);
                break;
            case 3:
                order3(s, n, c, shift);
                break;
            case 4:
                order4(s, n, c, shift);
                break;
            case 5:
                order5(s, n, c, shift);
                break;
            case 6:
                order6(s, n, c, shift);
                break;
            case 7:
                order7(s, n, c, shift);
                break;
            case 8:
                order8(s, n, c, shift);
                break;
            case 9:
                order9(s, n, c, shift);
                break;
            case 10:
                order10(s, n, c, shift);
                break;
            case 11:
                order11(s, n, c, shift);
                break;
            case 12:
                order12(s, n, c, shift);
                break;
            default:
                throw new IllegalArgumentException("unrolled LPC order " + order);
        }
    }

    private static void order1(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        for (int i = 1; i < n; i++) {
            int sum = c0 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order2(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        for (int i = 2; i < n; i++) {
            int sum = c0 * s[i - 2] + c1 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order3(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        for (int i = 3; i < n; i++) {
            int sum = c0 * s[i - 3] + c1 * s[i - 2] + c2 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order4(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        for (int i = 4; i < n; i++) {
            int sum = c0 * s[i - 4] + c1 * s[i - 3] + c2 * s[i - 2] + c3 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order5(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        for (int i = 5; i < n; i++) {
            int sum = c0 * s[i - 5] + c1 * s[i - 4] + c2 * s[i - 3] + c3 * s[i - 2] + c4 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order6(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        for (int i = 6; i < n; i++) {
            int sum = c0 * s[i - 6] + c1 * s[i - 5] + c2 * s[i - 4] + c3 * s[i - 3] + c4 * s[i - 2]
                    + c5 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order7(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        for (int i = 7; i < n; i++) {
            int sum = c0 * s[i - 7] + c1 * s[i - 6] + c2 * s[i - 5] + c3 * s[i - 4] + c4 * s[i - 3]
                    + c5 * s[i - 2] + c6 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order8(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        final int c7 = c[7];
        for (int i = 8; i < n; i++) {
            int sum = c0 * s[i - 8] + c1 * s[i - 7] + c2 * s[i - 6] + c3 * s[i - 5] + c4 * s[i - 4]
                    + c5 * s[i - 3] + c6 * s[i - 2] + c7 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order9(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        final int c7 = c[7];
        final int c8 = c[8];
        for (int i = 9; i < n; i++) {
            int sum = c0 * s[i - 9] + c1 * s[i - 8] + c2 * s[i - 7] + c3 * s[i - 6] + c4 * s[i - 5]
                    + c5 * s[i - 4] + c6 * s[i - 3] + c7 * s[i - 2] + c8 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order10(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        final int c7 = c[7];
        final int c8 = c[8];
        final int c9 = c[9];
        for (int i = 10; i < n; i++) {
            int sum = c0 * s[i - 10] + c1 * s[i - 9] + c2 * s[i - 8] + c3 * s[i - 7] + c4 * s[i - 6]
                    + c5 * s[i - 5] + c6 * s[i - 4] + c7 * s[i - 3] + c8 * s[i - 2] + c9 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order11(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        final int c7 = c[7];
        final int c8 = c[8];
        final int c9 = c[9];
        final int c10 = c[10];
        for (int i = 11; i < n; i++) {
            int sum = c0 * s[i - 11] + c1 * s[i - 10] + c2 * s[i - 9] + c3 * s[i - 8] + c4 * s[i - 7]
                    + c5 * s[i - 6] + c6 * s[i - 5] + c7 * s[i - 4] + c8 * s[i - 3] + c9 * s[i - 2]
                    + c10 * s[i - 1];
            s[i] += sum >> shift;
        }
    }

    private static void order12(int[] s, int n, int[] c, int shift) {
        final int c0 = c[0];
        final int c1 = c[1];
        final int c2 = c[2];
        final int c3 = c[3];
        final int c4 = c[4];
        final int c5 = c[5];
        final int c6 = c[6];
        final int c7 = c[7];
        final int c8 = c[8];
        final int c9 = c[9];
        final int c10 = c[10];
        final int c11 = c[11];
        for (int i = 12; i < n; i++) {
            int sum = c0 * s[i - 12] + c1 * s[i - 11] + c2 * s[i - 10] + c3 * s[i - 9] + c4 * s[i - 8]
                    + c5 * s[i - 7] + c6 * s[i - 6] + c7 * s[i - 5] + c8 * s[i - 4] + c9 * s[i - 3]
                    + c10 * s[i - 2] + c11 * s[i - 1];
            s[i] += sum >> shift;
        }
    }
}
