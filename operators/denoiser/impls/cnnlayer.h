/*
   cnnlayer.h - one 3x3 convolution layer of DENOISERCNN as im2col + BLAS GEMM, written once for a real type.
   Included twice by cnn.c: with CNN_REAL float, CNN_GEMM cblas_sgemm, CNN_SUFFIX Single, and with double.

   Activations are CHW planes of (2 TY + 2) x (2 TX + 2) values, TX = ceil(nx/2), TY = ceil(ny/2), zero outside
   rows 1..ny and columns 1..nx (pw = 2 TX + 2 per row; the Winograd layer below needs the even size). Output
   positions q run over the padded plane from row 1, column 1 to row ny, column nx: nq = (ny - 1) pw + nx
   consecutive positions, which include the border columns between rows; tap (a, b) of position q reads
   q + (a - 1) pw + (b - 1), always inside the plane. The positions are taken in blocks of nb: im2col copies
   the cin x 9 shifted rows of a block into col (K = 9 cin rows of nb), one GEMM computes
   out[cout x nb] = W[cout x K] col[K x nb] straight into the output planes (leading dimension = plane), then
   bias and ReLU are added; the border columns computed on the way are zeroed at the end.
*/
#define CNN_CAT_(a, b) a##b
#define CNN_CAT(a, b)  CNN_CAT_(a, b)
#define CNN_LAYER      CNN_CAT(DenoiserCNNLayer, CNN_SUFFIX)
#define CNN_WINOGRAD   CNN_CAT(DenoiserCNNWinograd, CNN_SUFFIX)
#define CNN_IN_ROWS    CNN_CAT(DenoiserCNNWinogradInRows, CNN_SUFFIX)
#define CNN_IN_TILES   CNN_CAT(DenoiserCNNWinogradInTiles, CNN_SUFFIX)
#define CNN_OUT_TILES  CNN_CAT(DenoiserCNNWinogradOutTiles, CNN_SUFFIX)

TESSERA_VECTOR_CLONES static void CNN_LAYER(PetscInt nx, PetscInt ny, PetscInt cin, PetscInt cout, const CNN_REAL *W, const CNN_REAL *B, PetscBool relu, const CNN_REAL *in, CNN_REAL *out, CNN_REAL *col, PetscInt nb)
{
  const PetscInt pw = 2 * ((nx + 1) / 2) + 2, plane = pw * (2 * ((ny + 1) / 2) + 2), q0 = pw + 1, nq = (ny - 1) * pw + nx, K = 9 * cin;

  for (PetscInt qs = 0; qs < nq; qs += nb) {
    const PetscInt n = PetscMin(nb, nq - qs);

    for (PetscInt c = 0; c < cin; c++)
      for (PetscInt a = 0; a < 3; a++)
        for (PetscInt b = 0; b < 3; b++) memcpy(col + (c * 9 + a * 3 + b) * n, in + c * plane + q0 + qs + (a - 1) * pw + (b - 1), (size_t)n * sizeof(CNN_REAL));
    CNN_GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, (blasint)cout, (blasint)n, (blasint)K, 1, W, (blasint)K, col, (blasint)n, 0, out + q0 + qs, (blasint)plane);
    for (PetscInt o = 0; o < cout; o++) {
      CNN_REAL *restrict y = out + o * plane + q0 + qs;
      const CNN_REAL bo    = B[o];

      if (relu)
        for (PetscInt j = 0; j < n; j++) y[j] = y[j] + bo > 0 ? y[j] + bo : 0;
      else
        for (PetscInt j = 0; j < n; j++) y[j] += bo;
    }
  }
  for (PetscInt o = 0; o < cout; o++)
    for (PetscInt i = 1; i <= ny; i++) {
      out[o * plane + i * pw] = 0;
      for (PetscInt j = nx + 1; j < pw; j++) out[o * plane + i * pw + j] = 0;
    }
}

/*
   The same layer by Winograd's minimal filtering F(2x2, 3x3) (A. Lavin, S. Gray, Fast algorithms for
   convolutional neural networks, CVPR 2016, arXiv:1509.09308): each 2x2 output tile is
   A^T [sum_c (G g_oc G^T) .* (B^T d_c B)] A with d_c the 4x4 input tile of channel c. U = G g G^T
   ([16][cout][cin], made once) times V = B^T d B ([16][cin][tiles]) is 16 GEMMs per block of tile rows,
   with 16/36 of im2col's multiplications. Planes are (2 TY + 2) x (2 TX + 2), TX = ceil(nx/2), TY = ceil(ny/2),
   so that every input tile lies inside; only the nx x ny interior is written, the border stays zero.
   V and M ([16][cout][tiles]) hold the blocks of at most ntb tiles.
*/
/* the Winograd loops as functions of restrict arguments, so that they vectorise (inlined into both clones) */
/* B^T d on four input rows of n values */
static inline void CNN_IN_ROWS(PetscInt n, const CNN_REAL *restrict r0, const CNN_REAL *restrict r1, const CNN_REAL *restrict r2, const CNN_REAL *restrict r3, CNN_REAL *restrict w0, CNN_REAL *restrict w1, CNN_REAL *restrict w2, CNN_REAL *restrict w3)
{
  for (PetscInt j = 0; j < n; j++) {
    w0[j] = r0[j] - r2[j];
    w1[j] = r1[j] + r2[j];
    w2[j] = r2[j] - r1[j];
    w3[j] = r1[j] - r3[j];
  }
}

/* (B^T d) B for the TX tiles of one row w of B^T d: the four entries of each tile into v0..v3 */
static inline void CNN_IN_TILES(PetscInt TX, const CNN_REAL *restrict w, CNN_REAL *restrict v0, CNN_REAL *restrict v1, CNN_REAL *restrict v2, CNN_REAL *restrict v3)
{
  for (PetscInt tx = 0; tx < TX; tx++) {
    v0[tx] = w[2 * tx] - w[2 * tx + 2];
    v1[tx] = w[2 * tx + 1] + w[2 * tx + 2];
    v2[tx] = w[2 * tx + 2] - w[2 * tx + 1];
    v3[tx] = w[2 * tx + 1] - w[2 * tx + 3];
  }
}

/* A^T m A for a row of TX tiles, m[xi * sm + tx]: the two output rows z0, z1 (2 TX each) */
static inline void CNN_OUT_TILES(PetscInt TX, PetscInt sm, const CNN_REAL *restrict m, CNN_REAL *restrict z0, CNN_REAL *restrict z1)
{
  for (PetscInt tx = 0; tx < TX; tx++) {
    CNN_REAL a0[4], a1[4];

    for (PetscInt q = 0; q < 4; q++) { /* A^T m, column q */
      a0[q] = m[q * sm + tx] + m[(4 + q) * sm + tx] + m[(8 + q) * sm + tx];
      a1[q] = m[(4 + q) * sm + tx] - m[(8 + q) * sm + tx] - m[(12 + q) * sm + tx];
    }
    z0[2 * tx]     = a0[0] + a0[1] + a0[2];
    z0[2 * tx + 1] = a0[1] - a0[2] - a0[3];
    z1[2 * tx]     = a1[0] + a1[1] + a1[2];
    z1[2 * tx + 1] = a1[1] - a1[2] - a1[3];
  }
}

TESSERA_VECTOR_CLONES static void CNN_WINOGRAD(PetscInt nx, PetscInt ny, PetscInt cin, PetscInt cout, const CNN_REAL *U, const CNN_REAL *B, PetscBool relu, const CNN_REAL *in, CNN_REAL *out, CNN_REAL *V, CNN_REAL *M, PetscInt ntb)
{
  const PetscInt TX = (nx + 1) / 2, TY = (ny + 1) / 2, pw = 2 * TX + 2, plane = pw * (2 * TY + 2), rows = PetscMax(1, ntb / TX);

  for (PetscInt ty0 = 0; ty0 < TY; ty0 += rows) {
    /* sv, sm: strides of the 16 matrices in V and M, padded off multiples of 4 kB (16 streams in one cache set) */
    const PetscInt ty1 = PetscMin(TY, ty0 + rows), n = (ty1 - ty0) * TX, sv = cin * n + CNN_WINOGRAD_PAD, sm = cout * n + CNN_WINOGRAD_PAD;

    for (PetscInt c = 0; c < cin; c++) { /* V = B^T d B: first B^T d on whole rows (in M, free now), then per tile */
      for (PetscInt ty = ty0; ty < ty1; ty++) {
        const CNN_REAL *r0 = in + c * plane + 2 * ty * pw;
        CNN_REAL       *v  = V + c * n + (ty - ty0) * TX;

        CNN_IN_ROWS(pw, r0, r0 + pw, r0 + 2 * pw, r0 + 3 * pw, M, M + pw, M + 2 * pw, M + 3 * pw);
        for (PetscInt p = 0; p < 4; p++) CNN_IN_TILES(TX, M + p * pw, v + 4 * p * sv, v + (4 * p + 1) * sv, v + (4 * p + 2) * sv, v + (4 * p + 3) * sv);
      }
    }
    for (PetscInt xi = 0; xi < 16; xi++) CNN_GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, (blasint)cout, (blasint)n, (blasint)cin, 1, U + xi * cout * cin, (blasint)cin, V + xi * sv, (blasint)n, 0, M + xi * sm, (blasint)n);
    for (PetscInt o = 0; o < cout; o++) { /* A^T M A (two rows of 2 TX in V, free now), + bias, ReLU, into the interior */
      const CNN_REAL bo = B[o];

      for (PetscInt ty = ty0; ty < ty1; ty++) {
        const CNN_REAL *z0 = V, *z1 = V + 2 * TX;
        CNN_REAL       *y0 = out + o * plane + (2 * ty + 1) * pw + 1, *y1 = y0 + pw;

        CNN_OUT_TILES(TX, sm, M + o * n + (ty - ty0) * TX, V, V + 2 * TX);
        if (relu)
          for (PetscInt j = 0; j < nx; j++) {
            y0[j] = z0[j] + bo > 0 ? z0[j] + bo : 0;
            y1[j] = z1[j] + bo > 0 ? z1[j] + bo : 0;
          }
        else
          for (PetscInt j = 0; j < nx; j++) {
            y0[j] = z0[j] + bo;
            y1[j] = z1[j] + bo;
          }
        if (2 * ty + 1 == ny) /* odd ny: the last tile's second row lies outside, keep it zero */
          for (PetscInt j = 0; j < nx; j++) y1[j] = 0;
      }
    }
  }
}

#undef CNN_WINOGRAD
#undef CNN_IN_ROWS
#undef CNN_IN_TILES
#undef CNN_OUT_TILES
#undef CNN_LAYER
#undef CNN_CAT
#undef CNN_CAT_
