/*
   psm.c - RECONREDPSM and RECONPSM: the partially separable model (PSM) of a dynamic image, alone or
   regularised by denoising (RED-PSM), solved by scaled ADMM with exact block solves.

   Model (B. Iskender, M. L. Klasky, Y. Bresler, RED-PSM, ICCV 2023, arXiv:2304.03483): the P frames of N x N
   pixels are X = Lambda Psi^T, i.e. X_t = sum_k Psi[t][k] Lambda_k, with nb = K + 1 spatial basis images
   Lambda_k (restricted to the circular field of view) and a temporal basis Psi = U Z: Z holds d latent knots
   per basis, U (P x d) interpolates them (cubic Hermite with finite-difference slopes, or linear) from d
   knots evenly spaced on [0, 1] to P times evenly spaced on [0, 1].

   RED-PSM solves, in tessera's sum convention,
     min  1/2 sum_t ||A_t X_t - g_t||^2 + lambda rho(f) + xi/2 ||Psi||_F^2 + chi/2 ||Lambda||_F^2
     s.t. f = Lambda Psi^T,   rho(f) = 1/2 f^T (f - D(f))   (D the denoiser, applied frame by frame),
   by scaled ADMM on the augmented Lagrangian with the term beta/2 ||Lambda Psi^T - f + gamma||^2:
     1. Lambda: minimise the data, split and chi terms over Lambda (Psi fixed): a convex quadratic, solved by
        CG on its normal equations
          M [ sum_t A_t^T A_t Lambda psi_t psi_t^T + beta Lambda Psi^T Psi + chi Lambda ]
            = M [ sum_t (A_t^T g_t + beta (f - gamma)_t) psi_t^T ]     (M the field-of-view mask),
        warm started, to the tolerance of the inner KSP (-recon_spatial_ksp_rtol);
     2. Z: the same terms plus xi over Z (Lambda fixed): with H_t = G_t + beta Lambda^T Lambda + xi I,
        G_t[k][l] = <A_t Lambda_k, A_t Lambda_l>, the normal equations
          sum_t (u_t u_t^T) (x) H_t vec(Z) = sum_t u_t (x) b_t,  b_t[k] = <A_t Lambda_k, g_t> + beta <Lambda_k, (f - gamma)_t>,
        a d nb x d nb SPD system, solved densely (LAPACK Cholesky, potrf/potrs);
     3. f: the RED fixed-point step f = (lambda D(f) + beta (X + gamma)) / (lambda + beta), X = Lambda Psi^T
        (the stationarity condition of lambda rho(f) + beta/2 ||f - X - gamma||^2 under the gradient rule
        grad rho = f - D(f), D evaluated at the previous f);
     4. gamma = gamma + X - f.
   With -recon_redpsm_inner adam, steps 1-2 are replaced by the authors' joint Adam steps on (Lambda, Z)
   (default 25 steps, learning rate 5e-3, moments kept across outer iterations).
   RECONPSM minimises the data and Frobenius terms alone by alternating steps 1 and 2 (beta = 0).

   Start ("projection" init, after ProSep, B. Iskender, M. L. Klasky, Y. Bresler, IVMSP 2022,
   arXiv:2204.09935): the sinogram is fitted by a separable model g(s, theta, t) = sum_{h,k} eta_{h,k}(s)
   c_h(theta) psi_k(t) with angular harmonics c_h in {1, cos n theta, sin n theta} (n <= -recon_psm_init_harmonics),
   using each projection also as the one at theta + pi (g(s, theta + pi) = g(-s, theta)), by alternating least
   squares (eta: one ridge-regularised normal matrix for all detector bins; Z: the dense solve of step 2).
   Each basis sinogram sum_h eta_{h,k}(s) c_h(theta) is then sampled at evenly spaced angles and
   reconstructed by filtered back-projection into Lambda_k. f starts at Lambda Psi^T, gamma at 0.
*/
#include <reconimpl.h>
#include <tesseraradon.h>
#include <tesseraio.h>
#include <petscksp.h>
#include <petscblaslapack.h> /* LAPACK Cholesky of the Z and start normal equations */
#include <fftw3.h>           /* the preconditioner of the Lambda step */

static const char REDPSMCitation[] =
    "@inproceedings{iskender2023redpsm,\n  author    = {B. Iskender and M. L. Klasky and Y. Bresler},\n  title     = {{RED-PSM}: Regularization by Denoising of Partially Separable Models for Dynamic Imaging},\n  booktitle = {Proc. "
    "IEEE/CVF Int. Conf. Computer Vision (ICCV)},\n  pages     = {10561--10570},\n  year      = {2023},\n  doi       = {10.1109/ICCV51070.2023.00972}\n}\n";
static PetscBool REDPSMCite = PETSC_FALSE;

const char *const ReconPSMInterpolations[] = {"HERMITE", "LINEAR", "ReconPSMInterpolation", "RECON_PSM_", NULL};
const char *const ReconPSMInitTypes[]      = {"PROJECTION", "LSQ", "USER", "ReconPSMInitType", "RECON_PSM_INIT_", NULL};
const char *const ReconREDPSMInners[]      = {"EXACT", "ADAM", "ReconREDPSMInner", "RECON_REDPSM_INNER_", NULL};

typedef struct {
  /* model */
  PetscBool             red;          /* RED-PSM (ADMM over Lambda, Z, f, gamma) or the PSM alone */
  PetscInt              K, nb;        /* rank parameter; nb = K + 1 basis functions */
  PetscInt              d;            /* latent knots of the temporal basis */
  ReconPSMInterpolation interp;       /* how U interpolates the knots */
  PetscReal             xi, chi;      /* Frobenius penalties xi/2 ||Psi||^2, chi/2 ||Lambda||^2 */
  PetscReal             lambda, beta; /* RED weight, augmented Lagrangian penalty */
  PetscReal             beta_eff;     /* beta inside the current Lambda/Z step (0 for PSM and the start) */
  ReconREDPSMInner      inner;
  PetscInt              sweeps; /* Lambda/Z alternations per outer iteration */
  /* Adam on (Lambda, Z) */
  PetscInt   adam_steps, adam_t;
  PetscReal  adam_lr, adam_b1, adam_b2, adam_eps;
  Vec        mlam, vlam, glam; /* moments and gradient of Lambda */
  PetscReal *mz, *vz, *gz, *gpsi;
  /* start */
  ReconPSMInitType init;
  PetscInt         init_harm, init_sweeps, init_angles;
  PetscReal        init_ridge;
  Vec              user_lam; /* factors set by the user (references / copies) */
  PetscReal       *user_Z;
  /* factors */
  PetscReal *U;      /* [P][d] */
  PetscReal *Z;      /* [d][nb] */
  PetscReal *Psi;    /* [P][nb] */
  Vec        lam;    /* Lambda: nb images of N^2, split over the ranks by whole images */
  Vec        lamall; /* all of Lambda, on every rank */
  Vec        xall;   /* the same, work */
  Vec        lwork;  /* the same, local contributions of a contraction */
  VecScatter toall;
  /* vectors of frames (the operator's column layout) */
  Vec  X, Xold, gam, atg, fw, fw2; /* model, previous model, dual, A^T g, work (fw2 holds D(f) in the f step) */
  Vec  r1;                         /* data layout */
  Vec *AL;                         /* A applied to Lambda_k in every frame [nb] (data layout) */
  /* Lambda step */
  Mat H;
  KSP ksp;
  Vec rhs;
  /* Z step */
  PetscReal *Gb;    /* per frame: H_t [nb][nb] then b_t [nb], P blocks */
  PetscReal *C;     /* <Lambda_k, V_t> of the local frames [t1-t0][nb] */
  PetscReal *M, *z; /* [(d nb)^2], [d nb] */
  PetscReal *LtL;   /* Lambda^T Lambda [nb][nb] */
  PetscInt   kspits;
  /* preconditioner of the Lambda step (PCSHELL, see PSMPCApply_Private) */
  PetscInt      L;        /* padded side 2N of the FFT */
  PetscReal    *sym;      /* symbol of the angular mean of A_t^T A_t [L][L/2+1] */
  PetscReal    *V, *sig;  /* eigenvectors [nb][nb] (column k = vector k) and eigenvalues of Psi^T Psi */
  PetscReal    *syevwork; /* LAPACK work */
  double       *pbuf;     /* [L][L] */
  fftw_complex *phat;     /* [L][L/2+1] */
  fftw_plan     pfwd, pbwd;
} Recon_PSM;

/*@C
  ReconPSMComputeInterpolation - Computes the matrix U that maps d latent knots to P times

  Not Collective

  Input Parameters:
+ P      - number of times (evenly spaced on [0, 1]; t/(P-1))
. d      - number of knots (evenly spaced on [0, 1]), at least 2
- interp - `RECON_PSM_HERMITE` (cubic Hermite, knot slopes by finite differences: one-sided at the ends, the
           mean of the two adjacent secants inside) or `RECON_PSM_LINEAR`

  Output Parameter:
. U - the matrix [P][d], row major

  Level: developer

  Notes:
  Both interpolations reproduce linear functions exactly; Hermite is C^1 and not a natural spline.

.seealso: `ReconPSMSetBasis()`
@*/
PetscErrorCode ReconPSMComputeInterpolation(PetscInt P, PetscInt d, ReconPSMInterpolation interp, PetscReal U[])
{
  PetscFunctionBegin;
  PetscCheck(P >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Recon: %" PetscInt_FMT " times; need at least 1", P);
  PetscCheck(d >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Recon: %" PetscInt_FMT " latent knots; need at least 2", d);
  PetscValidRealPointer(U, 4);
  PetscCall(PetscArrayzero(U, P * d));
  for (PetscInt t = 0; t < P; t++) {
    const PetscReal tau = P > 1 ? (PetscReal)t / (P - 1) : 0.0, x = tau * (d - 1);
    PetscInt        j = PetscMin((PetscInt)PetscFloorReal(x), d - 2);
    const PetscReal s = x - j, s2 = s * s, s3 = s2 * s;
    PetscReal      *u = U + t * d;

    if (interp == RECON_PSM_LINEAR) {
      u[j] += 1 - s;
      u[j + 1] += s;
    } else {
      const PetscReal h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;

      u[j] += h00;
      u[j + 1] += h01;
      /* h m_i as a combination of the knot values: one-sided at the ends, centred inside */
      for (PetscInt q = 0; q < 2; q++) {
        const PetscInt  i = j + q;
        const PetscReal w = q ? h11 : h10;

        if (i == 0) {
          u[1] += w;
          u[0] -= w;
        } else if (i == d - 1) {
          u[d - 1] += w;
          u[d - 2] -= w;
        } else {
          u[i + 1] += 0.5 * w;
          u[i - 1] -= 0.5 * w;
        }
      }
    }
  }
  PetscFunctionReturn(0);
}

/*
   The three thin products of the model, as BLAS GEMMs (frames and basis images are columns of length N^2,
   column-major): X = Lambda Psi_loc^T (expand), W = Y Psi_loc (contract), C = Lambda^T Y (project). Plain
   loops over these (scalar, read-modify-write per basis image) took most of the time of the Lambda CG.
*/
static PetscErrorCode PSMGemm_Private(const char *ta, const char *tb, PetscInt m, PetscInt n, PetscInt k, PetscReal alpha, const PetscScalar *a, PetscInt lda, const PetscScalar *b, PetscInt ldb, PetscReal beta, PetscScalar *c, PetscInt ldc)
{
  PetscBLASInt bm, bn, bk, blda, bldb, bldc;
  PetscScalar  al = alpha, be = beta;

  PetscFunctionBegin;
  if (m == 0 || n == 0) PetscFunctionReturn(0);
  PetscCall(PetscBLASIntCast(m, &bm));
  PetscCall(PetscBLASIntCast(n, &bn));
  PetscCall(PetscBLASIntCast(k, &bk));
  PetscCall(PetscBLASIntCast(lda, &blda));
  PetscCall(PetscBLASIntCast(ldb, &bldb));
  PetscCall(PetscBLASIntCast(ldc, &bldc));
  PetscCallBLAS("BLASgemm", BLASgemm_(ta, tb, &bm, &bn, &bk, &al, a, &blda, b, &bldb, &be, c, &bldc));
  PetscCall(PetscLogFlops(2.0 * m * n * k));
  PetscFunctionReturn(0);
}

/* X (frames, local) = Lambda Psi^T on the local frames; lam: all of Lambda [nb][N^2] */
static PetscErrorCode PSMExpand_Private(Recon recon, const PetscScalar *lam, const PetscReal *Psi, Vec X)
{
  Recon_PSM     *psm = (Recon_PSM *)recon->data;
  PetscScalar   *x;
  const PetscInt N2 = recon->N * recon->N, nb = psm->nb;

  PetscFunctionBegin;
  PetscCall(VecGetArrayWrite(X, &x));
  PetscCall(PSMGemm_Private("N", "N", N2, recon->t1 - recon->t0, nb, 1.0, lam, N2, Psi + recon->t0 * nb, nb, 0.0, x, N2));
  PetscCall(VecRestoreArrayWrite(X, &x));
  PetscFunctionReturn(0);
}

/* C[t - t0][k] = <Lambda_k, Y_t> for the local frames */
static PetscErrorCode PSMProject_Private(Recon recon, const PetscScalar *lam, Vec Y, PetscReal *C)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  const PetscScalar *y;
  const PetscInt     N2 = recon->N * recon->N, nb = psm->nb;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(PSMGemm_Private("T", "N", nb, recon->t1 - recon->t0, N2, 1.0, lam, N2, y, N2, 0.0, C, nb));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

/* out (Lambda layout) = sum over all frames t of Y_t Psi[t][k], masked */
static PetscErrorCode PSMContract_Private(Recon recon, Vec Y, Vec out)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  const PetscScalar *y;
  PetscScalar       *w;
  const PetscInt     N2 = recon->N * recon->N, nb = psm->nb, nt = recon->t1 - recon->t0;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArrayWrite(psm->lwork, &w));
  if (nt > 0) PetscCall(PSMGemm_Private("N", "T", N2, nb, nt, 1.0, y, N2, psm->Psi + recon->t0 * nb, nb, 0.0, w, N2));
  else PetscCall(PetscArrayzero(w, nb * N2));
  for (PetscInt k = 0; k < nb; k++)
    for (PetscInt p = 0; p < N2; p++) w[k * N2 + p] *= recon->mask[p];
  PetscCall(VecRestoreArrayWrite(psm->lwork, &w));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscCall(VecSet(out, 0.0));
  PetscCall(VecScatterBegin(psm->toall, psm->lwork, out, ADD_VALUES, SCATTER_REVERSE));
  PetscCall(VecScatterEnd(psm->toall, psm->lwork, out, ADD_VALUES, SCATTER_REVERSE));
  PetscFunctionReturn(0);
}

static PetscErrorCode PSMGather_Private(Recon_PSM *psm, Vec x, Vec xall)
{
  PetscFunctionBegin;
  PetscCall(VecScatterBegin(psm->toall, x, xall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(psm->toall, x, xall, INSERT_VALUES, SCATTER_FORWARD));
  PetscFunctionReturn(0);
}

/* y = M [contract(A^T A E x + beta E x) + chi x] + (1 - M) x, E x = x Psi^T: the Lambda-step operator */
static PetscErrorCode PSMSpatialMult_Private(Mat H, Vec x, Vec y)
{
  Recon              recon;
  Recon_PSM         *psm;
  const PetscScalar *xa, *xl;
  PetscScalar       *ya;
  PetscInt           lo, hi, N2;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(H, &recon));
  psm = (Recon_PSM *)recon->data;
  N2  = recon->N * recon->N;
  PetscCall(PSMGather_Private(psm, x, psm->xall));
  PetscCall(VecGetArrayRead(psm->xall, &xa));
  PetscCall(PSMExpand_Private(recon, xa, psm->Psi, psm->fw));
  PetscCall(VecRestoreArrayRead(psm->xall, &xa));
  PetscCall(MatMult(recon->A, psm->fw, psm->r1));
  PetscCall(MatMultTranspose(recon->A, psm->r1, psm->fw2));
  if (psm->beta_eff != 0) PetscCall(VecAXPY(psm->fw2, psm->beta_eff, psm->fw));
  PetscCall(PSMContract_Private(recon, psm->fw2, y));
  PetscCall(VecGetOwnershipRange(x, &lo, &hi));
  PetscCall(VecGetArrayRead(x, &xl));
  PetscCall(VecGetArray(y, &ya));
  for (PetscInt i = lo; i < hi; i++) {
    const PetscReal m = recon->mask[i % N2];

    ya[i - lo] = m * (ya[i - lo] + psm->chi * xl[i - lo]) + (1 - m) * xl[i - lo];
  }
  PetscCall(VecRestoreArray(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xl));
  PetscFunctionReturn(0);
}

/*
   Preconditioner of the Lambda step. The operator is sum_t (psi_t psi_t^T) (x) A_t^T A_t + (beta Psi^T Psi + chi I) (x) I
   (masked). With many frames whose angles (or k-space lines) are spread over a smooth temporal basis, A_t^T A_t is
   replaced by its mean over the frames, B = 1/P sum_t A_t^T A_t, and B by the convolution with its point-spread
   function (computed once in SetUp: B applied to a centred point). Then the operator is
   (Psi^T Psi) (x) (B + beta) + chi, which the eigenvectors V of Psi^T Psi (sigma_k) block-diagonalise:
   per eigen-image, the symbol 1/(sigma_k (S + beta) + chi), applied by FFT on a 2N x 2N zero-padded grid.
   M^T P M + (1 - M) with P symmetric positive definite: symmetric positive definite, as CG needs.
*/
static PetscErrorCode PSMPCSetUpSymbol_Private(Recon recon)
{
  Recon_PSM     *psm = (Recon_PSM *)recon->data;
  const PetscInt N = recon->N, N2 = N * N, L = psm->L, Lh = L / 2 + 1, nt = recon->t1 - recon->t0;
  PetscScalar   *x;
  PetscReal     *psf, smax = 0;
  PetscMPIInt    cnt;

  PetscFunctionBegin;
  PetscCall(VecGetArrayWrite(psm->fw, &x));
  PetscCall(PetscArrayzero(x, nt * N2));
  for (PetscInt t = 0; t < nt; t++) x[t * N2 + (N / 2) * N + N / 2] = 1.0;
  PetscCall(VecRestoreArrayWrite(psm->fw, &x));
  PetscCall(MatMult(recon->A, psm->fw, psm->r1));
  PetscCall(MatMultTranspose(recon->A, psm->r1, psm->fw2));
  PetscCall(PetscCalloc1(N2, &psf));
  PetscCall(VecGetArrayRead(psm->fw2, (const PetscScalar **)&x));
  for (PetscInt t = 0; t < nt; t++)
    for (PetscInt p = 0; p < N2; p++) psf[p] += x[t * N2 + p];
  PetscCall(VecRestoreArrayRead(psm->fw2, (const PetscScalar **)&x));
  PetscCall(PetscMPIIntCast(N2, &cnt));
  PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, psf, cnt, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)recon)));
  for (PetscInt i = 0; i < L * L; i++) psm->pbuf[i] = 0;
  for (PetscInt i = 0; i < N; i++)
    for (PetscInt j = 0; j < N; j++) psm->pbuf[((i - N / 2 + L) % L) * L + (j - N / 2 + L) % L] = psf[i * N + j] / recon->P;
  PetscCall(PetscFree(psf));
  fftw_execute(psm->pfwd);
  for (PetscInt i = 0; i < L * Lh; i++) smax = PetscMax(smax, creal(psm->phat[i]));
  /* the real part (the kernel is nearly even), floored at 1e-3 of its maximum */
  for (PetscInt i = 0; i < L * Lh; i++) psm->sym[i] = PetscMax(creal(psm->phat[i]), 1e-3 * smax);
  PetscFunctionReturn(0);
}

/* V, sigma: eigen-decomposition of Psi^T Psi (Psi changes in every Z step) */
static PetscErrorCode PSMPCUpdate_Private(Recon recon)
{
  Recon_PSM   *psm = (Recon_PSM *)recon->data;
  PetscInt     nb  = psm->nb;
  PetscBLASInt bn, lwork, info;

  PetscFunctionBegin;
  if (!psm->sym) PetscFunctionReturn(0);
  PetscCall(PSMGemm_Private("N", "T", nb, nb, recon->P, 1.0, psm->Psi, nb, psm->Psi, nb, 0.0, psm->V, nb));
  PetscCall(PetscBLASIntCast(nb, &bn));
  PetscCall(PetscBLASIntCast(8 * nb, &lwork));
  PetscCallBLAS("LAPACKsyev", LAPACKsyev_("V", "L", &bn, psm->V, &bn, psm->sig, psm->syevwork, &lwork, &info));
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Recon: LAPACK syev failed on Psi^T Psi: info %d", (int)info);
  PetscFunctionReturn(0);
}

static PetscErrorCode PSMPCApply_Private(PC pc, Vec x, Vec y)
{
  Recon              recon;
  Recon_PSM         *psm;
  const PetscScalar *xa, *xl;
  PetscScalar       *w, *ya;
  PetscInt           lo, hi, N, N2, L, Lh, nb;

  PetscFunctionBegin;
  PetscCall(PCShellGetContext(pc, &recon));
  psm = (Recon_PSM *)recon->data;
  N   = recon->N;
  N2  = N * N;
  L   = psm->L;
  Lh  = L / 2 + 1;
  nb  = psm->nb;
  PetscCall(PSMGather_Private(psm, x, psm->xall));
  PetscCall(VecGetOwnershipRange(x, &lo, &hi));
  PetscCall(VecGetArrayRead(psm->xall, &xa));
  PetscCall(VecGetArrayWrite(psm->lwork, &w));
  PetscCall(PetscArrayzero(w, nb * N2));
  for (PetscInt k = lo / N2; k < hi / N2; k++) { /* the eigen-images of this rank's share */
    const PetscReal *v = psm->V + k * nb, sk = psm->sig[k];

    for (PetscInt i = 0; i < L * L; i++) psm->pbuf[i] = 0;
    for (PetscInt m = 0; m < nb; m++)
      for (PetscInt i = 0; i < N; i++)
        for (PetscInt j = 0; j < N; j++) psm->pbuf[i * L + j] += v[m] * recon->mask[i * N + j] * xa[m * N2 + i * N + j];
    fftw_execute(psm->pfwd);
    for (PetscInt i = 0; i < L * Lh; i++) {
      const PetscReal s = 1.0 / ((sk * (psm->sym[i] + psm->beta_eff) + psm->chi) * L * L);

      psm->phat[i] *= s;
    }
    fftw_execute(psm->pbwd);
    for (PetscInt m = 0; m < nb; m++)
      for (PetscInt i = 0; i < N; i++)
        for (PetscInt j = 0; j < N; j++) w[m * N2 + i * N + j] += v[m] * recon->mask[i * N + j] * psm->pbuf[i * L + j];
  }
  PetscCall(VecRestoreArrayWrite(psm->lwork, &w));
  PetscCall(VecRestoreArrayRead(psm->xall, &xa));
  PetscCall(VecSet(y, 0.0));
  PetscCall(VecScatterBegin(psm->toall, psm->lwork, y, ADD_VALUES, SCATTER_REVERSE));
  PetscCall(VecScatterEnd(psm->toall, psm->lwork, y, ADD_VALUES, SCATTER_REVERSE));
  PetscCall(VecGetArrayRead(x, &xl));
  PetscCall(VecGetArray(y, &ya));
  for (PetscInt i = lo; i < hi; i++) ya[i - lo] += (1 - recon->mask[i % N2]) * xl[i - lo];
  PetscCall(VecRestoreArray(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xl));
  PetscFunctionReturn(0);
}

/* Lambda step: rhs = M contract(A^T g + beta (f - gamma)) (f, gamma only read when beta_eff > 0), then CG */
static PetscErrorCode PSMSpatialStep_Private(Recon recon)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  PetscInt           its;
  KSPConvergedReason kr;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(RECON_Spatial, recon, 0, 0, 0));
  if (psm->beta_eff != 0) { /* A^T g + beta (f - gamma) */
    PetscCall(VecAXPBYPCZ(psm->fw2, psm->beta_eff, -psm->beta_eff, 0.0, recon->f, psm->gam));
    PetscCall(VecAXPY(psm->fw2, 1.0, psm->atg));
  } else PetscCall(VecCopy(psm->atg, psm->fw2));
  PetscCall(PSMContract_Private(recon, psm->fw2, psm->rhs));
  PetscCall(PSMPCUpdate_Private(recon));
  PetscCall(KSPSolve(psm->ksp, psm->rhs, psm->lam));
  PetscCall(KSPGetIterationNumber(psm->ksp, &its));
  PetscCall(KSPGetConvergedReason(psm->ksp, &kr));
  psm->kspits += its;
  PetscCheck(kr >= 0 || kr == KSP_DIVERGED_ITS, PetscObjectComm((PetscObject)recon), PETSC_ERR_NOT_CONVERGED, "Recon: the spatial (Lambda) CG solve failed: %s", KSPConvergedReasons[kr]);
  PetscCall(PSMGather_Private(psm, psm->lam, psm->lamall));
  PetscCall(PetscLogEventEnd(RECON_Spatial, recon, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* Psi = U Z */
static void PSMUpdatePsi_Private(Recon recon, Recon_PSM *psm)
{
  for (PetscInt t = 0; t < recon->P; t++)
    for (PetscInt k = 0; k < psm->nb; k++) {
      PetscReal s = 0;

      for (PetscInt j = 0; j < psm->d; j++) s += psm->U[t * psm->d + j] * psm->Z[j * psm->nb + k];
      psm->Psi[t * psm->nb + k] = s;
    }
}

/*
  Solves sum_t (u_t u_t^T) (x) (G_t + S + xi I) vec(Z) = sum_t u_t (x) b_t for Z, with the per-frame Gram G_t and
  right-hand side b_t in Gb (already summed over the ranks), S a shift [nb][nb] (may be NULL). Solved on rank 0
  and broadcast, so that every rank holds the same Z.
*/
static PetscErrorCode PSMSolveZ_Private(Recon recon, const PetscReal *S, PetscReal xi)
{
  Recon_PSM     *psm = (Recon_PSM *)recon->data;
  const PetscInt nb = psm->nb, d = psm->d, n = d * nb, blk = nb * (nb + 1);
  PetscMPIInt    rank;
  MPI_Comm       comm = PetscObjectComm((PetscObject)recon);

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscBLASInt bn, one = 1, info;

    PetscCall(PetscBLASIntCast(n, &bn));
    PetscCall(PetscArrayzero(psm->M, n * n));
    PetscCall(PetscArrayzero(psm->z, n));
    for (PetscInt t = 0; t < recon->P; t++) {
      const PetscReal *G = psm->Gb + t * blk, *b = G + nb * nb, *u = psm->U + t * d;

      for (PetscInt j = 0; j < d; j++) {
        if (u[j] == 0) continue;
        for (PetscInt k = 0; k < nb; k++) psm->z[j * nb + k] += u[j] * b[k];
        for (PetscInt jj = 0; jj < d; jj++) {
          const PetscReal uu = u[j] * u[jj];

          if (uu == 0) continue;
          for (PetscInt k = 0; k < nb; k++)
            for (PetscInt l = 0; l < nb; l++) psm->M[(j * nb + k) * n + jj * nb + l] += uu * (G[k * nb + l] + (S ? S[k * nb + l] : 0) + (k == l ? xi : 0));
        }
      }
    }
    PetscCallBLAS("LAPACKpotrf", LAPACKpotrf_("L", &bn, psm->M, &bn, &info));
    PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Recon: the temporal (Z) normal matrix is not positive definite (LAPACK potrf info %d); increase -recon_psm_xi", (int)info);
    PetscCallBLAS("LAPACKpotrs", LAPACKpotrs_("L", &bn, &one, psm->M, &bn, psm->z, &bn, &info));
    PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Recon: LAPACK potrs failed on the temporal (Z) normal equations: info %d", (int)info);
  }
  PetscCallMPI(MPI_Bcast(psm->z, (PetscMPIInt)n, MPIU_REAL, 0, comm));
  PetscCall(PetscArraycpy(psm->Z, psm->z, n));
  PSMUpdatePsi_Private(recon, psm);
  PetscFunctionReturn(0);
}

/* Lambda^T Lambda from lamall */
static PetscErrorCode PSMLambdaGram_Private(Recon recon)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  const PetscScalar *l;
  const PetscInt     N2 = recon->N * recon->N, nb = psm->nb;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(psm->lamall, &l));
  PetscCall(PSMGemm_Private("T", "N", nb, nb, N2, 1.0, l, N2, l, N2, 0.0, psm->LtL, nb));
  PetscCall(VecRestoreArrayRead(psm->lamall, &l));
  PetscFunctionReturn(0);
}

/* Z step with Lambda fixed (lamall current); f and gamma read when beta_eff > 0 */
static PetscErrorCode PSMTemporalStep_Private(Recon recon)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  const PetscInt     nb = psm->nb, N2 = recon->N * recon->N, blk = nb * (nb + 1), nt = recon->t1 - recon->t0;
  const PetscScalar *l, *g, *al[64];
  PetscScalar       *fw;
  PetscInt           nrow;
  PetscMPIInt        cnt;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(RECON_Temporal, recon, 0, 0, 0));
  /* A Lambda_k in every frame */
  PetscCall(VecGetArrayRead(psm->lamall, &l));
  for (PetscInt k = 0; k < nb; k++) {
    PetscCall(VecGetArrayWrite(psm->fw, &fw));
    for (PetscInt t = 0; t < nt; t++) PetscCall(PetscArraycpy(fw + t * N2, l + k * N2, N2));
    PetscCall(VecRestoreArrayWrite(psm->fw, &fw));
    PetscCall(MatMult(recon->A, psm->fw, psm->AL[k]));
  }
  /* per-frame Gram and right-hand side, local rows and frames */
  PetscCall(PetscArrayzero(psm->Gb, recon->P * blk));
  PetscCall(VecGetLocalSize(recon->g, &nrow));
  PetscCall(VecGetArrayRead(recon->g, &g));
  for (PetscInt k = 0; k < nb; k++) PetscCall(VecGetArrayRead(psm->AL[k], &al[k]));
  for (PetscInt i = 0; i < nrow; i++) {
    PetscReal *G = psm->Gb + recon->rowframe[i] * blk, *b = G + nb * nb;

    for (PetscInt k = 0; k < nb; k++) {
      const PetscReal ak = al[k][i];

      b[k] += ak * g[i];
      for (PetscInt m = 0; m <= k; m++) G[k * nb + m] += ak * al[m][i];
    }
  }
  for (PetscInt k = 0; k < nb; k++) PetscCall(VecRestoreArrayRead(psm->AL[k], &al[k]));
  PetscCall(VecRestoreArrayRead(recon->g, &g));
  if (psm->beta_eff != 0) { /* C[t][k] = <Lambda_k, f_t - gamma_t> */
    PetscCall(PSMProject_Private(recon, l, recon->f, psm->C));
    for (PetscInt t = 0; t < nt; t++)
      for (PetscInt k = 0; k < nb; k++) psm->Gb[(recon->t0 + t) * blk + nb * nb + k] += psm->beta_eff * psm->C[t * nb + k];
    PetscCall(PSMProject_Private(recon, l, psm->gam, psm->C));
    for (PetscInt t = 0; t < nt; t++)
      for (PetscInt k = 0; k < nb; k++) psm->Gb[(recon->t0 + t) * blk + nb * nb + k] -= psm->beta_eff * psm->C[t * nb + k];
  }
  PetscCall(VecRestoreArrayRead(psm->lamall, &l));
  PetscCall(PetscMPIIntCast(recon->P * blk, &cnt));
  PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, psm->Gb, cnt, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)recon)));
  for (PetscInt t = 0; t < recon->P; t++) /* the lower triangle was accumulated */
    for (PetscInt k = 0; k < nb; k++)
      for (PetscInt m = 0; m < k; m++) psm->Gb[t * blk + m * nb + k] = psm->Gb[t * blk + k * nb + m];
  if (psm->beta_eff != 0) {
    PetscCall(PSMLambdaGram_Private(recon));
    for (PetscInt k = 0; k < nb * nb; k++) psm->LtL[k] *= psm->beta_eff;
  }
  PetscCall(PSMSolveZ_Private(recon, psm->beta_eff != 0 ? psm->LtL : NULL, psm->xi));
  PetscCall(PetscLogEventEnd(RECON_Temporal, recon, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* X = Lambda Psi^T from lamall */
static PetscErrorCode PSMModel_Private(Recon recon, Vec X)
{
  Recon_PSM         *psm = (Recon_PSM *)recon->data;
  const PetscScalar *l;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(psm->lamall, &l));
  PetscCall(PSMExpand_Private(recon, l, psm->Psi, X));
  PetscCall(VecRestoreArrayRead(psm->lamall, &l));
  PetscFunctionReturn(0);
}

/* xi/2 ||Psi||^2 + chi/2 ||Lambda||^2 + 1/2 ||A X - g||^2 (X current) */
static PetscErrorCode PSMFitObjective_Private(Recon recon, Vec X, PetscReal *obj)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;
  PetscReal  rn, ln, pn = 0;

  PetscFunctionBegin;
  PetscCall(MatMult(recon->A, X, psm->r1));
  PetscCall(VecAXPY(psm->r1, -1.0, recon->g));
  PetscCall(VecNorm(psm->r1, NORM_2, &rn));
  PetscCall(VecNorm(psm->lam, NORM_2, &ln));
  for (PetscInt i = 0; i < recon->P * psm->nb; i++) pn += psm->Psi[i] * psm->Psi[i];
  *obj = 0.5 * rn * rn + 0.5 * psm->xi * pn + 0.5 * psm->chi * ln * ln;
  PetscFunctionReturn(0);
}

/* angular harmonic h at angle th: 1, cos th, sin th, cos 2th, sin 2th, ... */
static inline PetscReal PSMHarmonic_Private(PetscInt h, PetscReal th)
{
  const PetscInt n = (h + 1) / 2;

  return h == 0 ? 1.0 : (h % 2 ? PetscCosReal(n * th) : PetscSinReal(n * th));
}

/* The projection-domain start (see the header of this file) */
static PetscErrorCode PSMInitProjection_Private(Recon recon)
{
  Recon_PSM         *psm  = (Recon_PSM *)recon->data;
  MPI_Comm           comm = PetscObjectComm((PetscObject)recon);
  const PetscInt     nb = psm->nb, nH = 2 * psm->init_harm + 1, ne = nH * nb, blk = nb * (nb + 1), Na = psm->init_angles ? psm->init_angles : 2 * recon->N;
  PetscInt           ndet, nang, p0, p1, N                                                            = recon->N, q0, q1, ndetA;
  const PetscReal   *theta;
  const PetscInt    *frame;
  PetscReal         *NE, *R, *eta, *c, *ang, tr = 0;
  const PetscScalar *g;
  PetscMPIInt        rank, cnt;
  Mat                R0;
  Vec                S, L0;

  PetscFunctionBegin;
  PetscCall(MatRadonGetGeometry(recon->A, NULL, NULL, &ndet, NULL));
  PetscCall(MatRadonGetAngles(recon->A, &nang, &theta, &frame));
  PetscCall(MatRadonGetLocalProjections(recon->A, &p0, &p1));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(PetscMalloc4(ne * ne, &NE, ne * ndet, &R, ne * ndet, &eta, ne, &c));
  PetscCall(VecGetArrayRead(recon->g, &g));
  for (PetscInt sweep = 0; sweep < psm->init_sweeps; sweep++) {
    /* eta step: normal matrix (the same for every bin) and right-hand sides, each projection also used as the one at theta + pi */
    PetscCall(PetscArrayzero(NE, ne * ne));
    PetscCall(PetscArrayzero(R, ne * ndet));
    for (PetscInt p = p0; p < p1; p++) {
      const PetscReal *gp = g + (p - p0) * ndet, *psi = psm->Psi + frame[p] * nb;

      for (PetscInt h = 0; h < nH; h++)
        for (PetscInt k = 0; k < nb; k++) c[h * nb + k] = PSMHarmonic_Private(h, theta[p]) * psi[k];
      for (PetscInt a = 0; a < ne; a++) {
        const PetscInt sa = ((a / nb + 1) / 2) % 2; /* the harmonic's parity n mod 2 */

        for (PetscInt b = 0; b <= a; b++) {
          const PetscInt sb = ((b / nb + 1) / 2) % 2;

          if (sa == sb) NE[a * ne + b] += 2 * c[a] * c[b];
        }
        for (PetscInt s = 0; s < ndet; s++) R[a * ndet + s] += c[a] * (gp[s] + (sa ? -1.0 : 1.0) * gp[ndet - 1 - s]);
      }
    }
    PetscCall(PetscMPIIntCast(ne * ne, &cnt));
    PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, NE, cnt, MPIU_REAL, MPIU_SUM, comm));
    PetscCall(PetscMPIIntCast(ne * ndet, &cnt));
    PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, R, cnt, MPIU_REAL, MPIU_SUM, comm));
    if (rank == 0) {
      PetscBLASInt bne, bnd, info;

      PetscCall(PetscBLASIntCast(ne, &bne));
      PetscCall(PetscBLASIntCast(ndet, &bnd));
      tr = 0;
      for (PetscInt a = 0; a < ne; a++) tr += NE[a * ne + a];
      for (PetscInt a = 0; a < ne; a++) NE[a * ne + a] += psm->init_ridge * tr / ne + PETSC_SMALL;
      /* NE holds the upper triangle in column-major terms; R is row major [ne][ndet], i.e. column major ndet x ne: transpose */
      for (PetscInt a = 0; a < ne; a++)
        for (PetscInt s = 0; s < ndet; s++) eta[s * ne + a] = R[a * ndet + s];
      PetscCallBLAS("LAPACKpotrf", LAPACKpotrf_("U", &bne, NE, &bne, &info));
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Recon: projection-domain start: the harmonic normal matrix is singular (LAPACK potrf info %d); increase -recon_psm_init_ridge", (int)info);
      PetscCallBLAS("LAPACKpotrs", LAPACKpotrs_("U", &bne, &bnd, NE, &bne, eta, &bne, &info));
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Recon: LAPACK potrs failed in the projection-domain start: info %d", (int)info);
    }
    PetscCall(PetscMPIIntCast(ne * ndet, &cnt));
    PetscCallMPI(MPI_Bcast(eta, cnt, MPIU_REAL, 0, comm)); /* eta[s][h nb + k] */
    /* Z step: per-frame Gram of the model sinograms q_k(p, s) = sum_h eta_{h,k}(s) c_h(theta_p) */
    PetscCall(PetscArrayzero(psm->Gb, recon->P * blk));
    for (PetscInt p = p0; p < p1; p++) {
      const PetscReal *gp = g + (p - p0) * ndet;
      PetscReal       *G = psm->Gb + frame[p] * blk, *b = G + nb * nb;

      for (PetscInt h = 0; h < nH; h++) c[h] = PSMHarmonic_Private(h, theta[p]);
      for (PetscInt s = 0; s < ndet; s++) {
        PetscReal q[64];

        for (PetscInt k = 0; k < nb; k++) {
          q[k] = 0;
          for (PetscInt h = 0; h < nH; h++) q[k] += eta[s * ne + h * nb + k] * c[h];
        }
        for (PetscInt k = 0; k < nb; k++) {
          b[k] += q[k] * gp[s];
          for (PetscInt m = 0; m < nb; m++) G[k * nb + m] += q[k] * q[m];
        }
      }
    }
    PetscCall(PetscMPIIntCast(recon->P * blk, &cnt));
    PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, psm->Gb, cnt, MPIU_REAL, MPIU_SUM, comm));
    {
      PetscReal gtr = 0;

      for (PetscInt t = 0; t < recon->P; t++)
        for (PetscInt k = 0; k < nb; k++) gtr += psm->Gb[t * blk + k * nb + k];
      PetscCall(PSMSolveZ_Private(recon, NULL, psm->init_ridge * gtr / (recon->P * nb) + PETSC_SMALL));
    }
  }
  PetscCall(VecRestoreArrayRead(recon->g, &g));
  /* the basis sinograms at Na evenly spaced angles, back-projected */
  PetscCall(PetscMalloc1(nb * Na, &ang));
  for (PetscInt k = 0; k < nb; k++)
    for (PetscInt a = 0; a < Na; a++) ang[k * Na + a] = PETSC_PI * a / Na;
  PetscCall(MatCreateRadon(comm, N, nb, nb * Na, ang, NULL, &R0));
  PetscCall(PetscFree(ang));
  PetscCall(MatRadonGetGeometry(R0, NULL, NULL, &ndetA, NULL));
  PetscCheck(ndetA == ndet, comm, PETSC_ERR_PLIB, "Recon: the start's Radon transform has %" PetscInt_FMT " detector bins, the data %" PetscInt_FMT, ndetA, ndet);
  PetscCall(MatCreateVecs(R0, &L0, &S));
  PetscCall(MatRadonGetLocalProjections(R0, &q0, &q1));
  {
    PetscScalar *sa;

    PetscCall(VecGetArrayWrite(S, &sa));
    for (PetscInt q = q0; q < q1; q++) {
      const PetscInt  k  = q / Na;
      const PetscReal th = PETSC_PI * (q % Na) / Na;

      for (PetscInt h = 0; h < nH; h++) c[h] = PSMHarmonic_Private(h, th);
      for (PetscInt s = 0; s < ndet; s++) {
        PetscReal v = 0;

        for (PetscInt h = 0; h < nH; h++) v += eta[s * ne + h * nb + k] * c[h];
        sa[(q - q0) * ndet + s] = v;
      }
    }
    PetscCall(VecRestoreArrayWrite(S, &sa));
  }
  PetscCall(MatRadonFBP(R0, S, L0));
  {
    const PetscScalar *la;
    PetscScalar       *l;
    PetscInt           n0, n1;

    PetscCall(VecGetLocalSize(L0, &n0));
    PetscCall(VecGetLocalSize(psm->lam, &n1));
    PetscCheck(n0 == n1, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Recon: layouts of the basis images differ");
    PetscCall(VecGetArrayRead(L0, &la));
    PetscCall(VecGetArrayWrite(psm->lam, &l));
    PetscCall(PetscArraycpy(l, la, n0));
    PetscCall(VecRestoreArrayWrite(psm->lam, &l));
    PetscCall(VecRestoreArrayRead(L0, &la));
  }
  PetscCall(VecDestroy(&S));
  PetscCall(VecDestroy(&L0));
  PetscCall(MatDestroy(&R0));
  PetscCall(PetscFree4(NE, R, eta, c));
  PetscFunctionReturn(0);
}

/* mask the Lambda layout vector in place */
static PetscErrorCode PSMMaskLambda_Private(Recon recon, Vec x)
{
  PetscScalar   *a;
  PetscInt       lo, hi;
  const PetscInt N2 = recon->N * recon->N;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(x, &lo, &hi));
  PetscCall(VecGetArray(x, &a));
  for (PetscInt i = lo; i < hi; i++) a[i - lo] *= recon->mask[i % N2];
  PetscCall(VecRestoreArray(x, &a));
  PetscFunctionReturn(0);
}

/* Lambda^0, Z^0 */
static PetscErrorCode PSMInitialize_Private(Recon recon)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;
  PetscBool  isradon;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(RECON_Init, recon, 0, 0, 0));
  PetscCall(MatIsRadon(recon->A, &isradon));
  /* cosine temporal basis: Psi[t][k] ~ cos(pi k t / (P - 1)) */
  for (PetscInt j = 0; j < psm->d; j++)
    for (PetscInt k = 0; k < psm->nb; k++) psm->Z[j * psm->nb + k] = PetscCosReal(PETSC_PI * k * j / (psm->d - 1));
  PSMUpdatePsi_Private(recon, psm);
  psm->beta_eff = 0;
  if (psm->init == RECON_PSM_INIT_USER) {
    PetscCheck(psm->user_lam && psm->user_Z, PetscObjectComm((PetscObject)recon), PETSC_ERR_ORDER, "Recon: -recon_psm_init user needs ReconPSMSetFactors()");
    PetscCall(VecCopy(psm->user_lam, psm->lam));
    PetscCall(PetscArraycpy(psm->Z, psm->user_Z, psm->d * psm->nb));
    PSMUpdatePsi_Private(recon, psm);
  } else if (psm->init == RECON_PSM_INIT_PROJECTION) {
    PetscCheck(isradon, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_WRONG, "Recon: -recon_psm_init projection needs a Radon transform (MatCreateRadon()); use -recon_psm_init lsq");
    PetscCall(PSMInitProjection_Private(recon));
  } else {
    PetscCall(VecZeroEntries(psm->lam));
    PetscCall(PSMSpatialStep_Private(recon));
  }
  PetscCall(PSMMaskLambda_Private(recon, psm->lam));
  PetscCall(PSMGather_Private(psm, psm->lam, psm->lamall));
  PetscCall(PetscLogEventEnd(RECON_Init, recon, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* ||a - b|| */
static PetscErrorCode PSMDistance_Private(Vec a, Vec b, Vec w, PetscReal *d)
{
  PetscFunctionBegin;
  PetscCall(VecWAXPY(w, -1.0, b, a));
  PetscCall(VecNorm(w, NORM_2, d));
  PetscFunctionReturn(0);
}

/* the Adam steps of the authors on (Lambda, Z), loss = data + beta/2 ||X - V||^2 + xi/2 ||Psi||^2 + chi/2 ||Lambda||^2 */
static PetscErrorCode PSMAdamSteps_Private(Recon recon)
{
  Recon_PSM     *psm = (Recon_PSM *)recon->data;
  const PetscInt nb = psm->nb, d = psm->d;
  MPI_Comm       comm = PetscObjectComm((PetscObject)recon);
  PetscMPIInt    cnt;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(RECON_Spatial, recon, 0, 0, 0));
  for (PetscInt step = 0; step < psm->adam_steps; step++) {
    PetscReal          c1, c2;
    const PetscScalar *l;
    PetscScalar       *lam, *m, *v, *gl;
    PetscInt           nloc;

    /* E = A^T (A X - g) + beta (X - V) */
    PetscCall(PSMModel_Private(recon, psm->X));
    PetscCall(MatMult(recon->A, psm->X, psm->r1));
    PetscCall(VecAXPY(psm->r1, -1.0, recon->g));
    PetscCall(MatMultTranspose(recon->A, psm->r1, psm->fw2));
    if (psm->beta_eff != 0) { /* + beta (X - f + gamma) */
      PetscCall(VecWAXPY(psm->fw, -1.0, recon->f, psm->X));
      PetscCall(VecAXPBYPCZ(psm->fw2, psm->beta_eff, psm->beta_eff, 1.0, psm->fw, psm->gam));
    }
    /* gradient in Lambda: contract(E) + chi Lambda (masked); in Psi: <Lambda_k, E_t> + xi Psi; in Z: U^T grad Psi */
    PetscCall(PSMContract_Private(recon, psm->fw2, psm->glam));
    PetscCall(VecAXPY(psm->glam, psm->chi, psm->lam));
    PetscCall(PetscArrayzero(psm->gpsi, recon->P * nb));
    PetscCall(VecGetArrayRead(psm->lamall, &l));
    PetscCall(PSMProject_Private(recon, l, psm->fw2, psm->gpsi + recon->t0 * nb));
    PetscCall(VecRestoreArrayRead(psm->lamall, &l));
    PetscCall(PetscMPIIntCast(recon->P * nb, &cnt));
    PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, psm->gpsi, cnt, MPIU_REAL, MPIU_SUM, comm));
    for (PetscInt i = 0; i < recon->P * nb; i++) psm->gpsi[i] += psm->xi * psm->Psi[i];
    for (PetscInt j = 0; j < d; j++)
      for (PetscInt k = 0; k < nb; k++) {
        PetscReal s = 0;

        for (PetscInt t = 0; t < recon->P; t++) s += psm->U[t * d + j] * psm->gpsi[t * nb + k];
        psm->gz[j * nb + k] = s;
      }
    /* Adam updates, bias corrected */
    psm->adam_t++;
    c1 = 1 - PetscPowReal(psm->adam_b1, (PetscReal)psm->adam_t);
    c2 = 1 - PetscPowReal(psm->adam_b2, (PetscReal)psm->adam_t);
    PetscCall(VecGetLocalSize(psm->lam, &nloc));
    PetscCall(VecGetArray(psm->lam, &lam));
    PetscCall(VecGetArray(psm->mlam, &m));
    PetscCall(VecGetArray(psm->vlam, &v));
    PetscCall(VecGetArray(psm->glam, &gl));
    for (PetscInt i = 0; i < nloc; i++) {
      m[i]   = psm->adam_b1 * m[i] + (1 - psm->adam_b1) * gl[i];
      v[i]   = psm->adam_b2 * v[i] + (1 - psm->adam_b2) * gl[i] * gl[i];
      lam[i] = lam[i] - psm->adam_lr * (m[i] / c1) / (PetscSqrtReal(v[i] / c2) + psm->adam_eps);
    }
    PetscCall(VecRestoreArray(psm->glam, &gl));
    PetscCall(VecRestoreArray(psm->vlam, &v));
    PetscCall(VecRestoreArray(psm->mlam, &m));
    PetscCall(VecRestoreArray(psm->lam, &lam));
    PetscCall(PSMMaskLambda_Private(recon, psm->lam));
    for (PetscInt i = 0; i < d * nb; i++) {
      psm->mz[i] = psm->adam_b1 * psm->mz[i] + (1 - psm->adam_b1) * psm->gz[i];
      psm->vz[i] = psm->adam_b2 * psm->vz[i] + (1 - psm->adam_b2) * psm->gz[i] * psm->gz[i];
      psm->Z[i] -= psm->adam_lr * (psm->mz[i] / c1) / (PetscSqrtReal(psm->vz[i] / c2) + psm->adam_eps);
    }
    PSMUpdatePsi_Private(recon, psm);
    PetscCall(PSMGather_Private(psm, psm->lam, psm->lamall));
  }
  PetscCall(PetscLogEventEnd(RECON_Spatial, recon, 0, 0, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSolve_PSM(Recon recon)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;
  PetscReal  obj = 0, rp = 0, rd = 0, nx, nf;
  PetscBool  stop;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(REDPSMCitation, &REDPSMCite));
  psm->kspits = 0;
  psm->adam_t = 0;
  if (psm->mlam) {
    PetscCall(VecZeroEntries(psm->mlam));
    PetscCall(VecZeroEntries(psm->vlam));
    PetscCall(PetscArrayzero(psm->mz, psm->d * psm->nb));
    PetscCall(PetscArrayzero(psm->vz, psm->d * psm->nb));
  }
  if (recon->resume[0]) {
    PetscCall(ReconCheckpoint_Private(recon, PETSC_TRUE));
    PSMUpdatePsi_Private(recon, psm);
    PetscCall(PSMGather_Private(psm, psm->lam, psm->lamall));
    if (!psm->red) PetscCall(VecCopy(psm->Xold, recon->f));
    stop = (PetscBool)(recon->its >= recon->max_it);
    if (stop) recon->reason = recon->rtol > 0 ? RECON_DIVERGED_MAXIT : RECON_CONVERGED_ITS;
  } else {
    PetscCall(PSMInitialize_Private(recon));
    PetscCall(PSMModel_Private(recon, psm->X));
    PetscCall(VecCopy(psm->X, recon->f));
    PetscCall(VecCopy(psm->X, psm->Xold));
    if (psm->red) PetscCall(VecZeroEntries(psm->gam));
    PetscCall(ReconLogIteration_Private(recon, RECON_NAN, RECON_NAN, RECON_NAN, &stop));
  }
  psm->beta_eff = psm->red ? psm->beta : 0.0;
  while (!stop) {
    recon->its++;
    if (psm->red && psm->inner == RECON_REDPSM_INNER_ADAM) PetscCall(PSMAdamSteps_Private(recon));
    else
      for (PetscInt s = 0; s < psm->sweeps; s++) {
        PetscCall(PSMSpatialStep_Private(recon));
        PetscCall(PSMTemporalStep_Private(recon));
      }
    PetscCall(PSMModel_Private(recon, psm->X));
    PetscCall(PSMFitObjective_Private(recon, psm->X, &obj));
    PetscCall(PSMDistance_Private(psm->X, psm->Xold, psm->fw, &rd));
    PetscCall(VecNorm(psm->X, NORM_2, &nx));
    rd /= PetscMax(nx, PETSC_SMALL);
    if (psm->red) {
      PetscScalar fdf, ff;
      PetscReal   s, gn;

      /* augmented Lagrangian at (Lambda, Z) new, (f, gamma) old */
      PetscCall(PetscLogEventBegin(RECON_Denoise, recon, 0, 0, 0));
      PetscCall(DenoiserApply(recon->denoiser, recon->f, psm->fw2)); /* D(f) */
      PetscCall(PetscLogEventEnd(RECON_Denoise, recon, 0, 0, 0));
      PetscCall(ReconApplyMask_Private(recon, psm->fw2));
      PetscCall(VecDot(recon->f, psm->fw2, &fdf));
      PetscCall(VecDot(recon->f, recon->f, &ff));
      PetscCall(VecWAXPY(psm->fw, -1.0, recon->f, psm->X)); /* X - f + gamma */
      PetscCall(VecAXPY(psm->fw, 1.0, psm->gam));
      PetscCall(VecNorm(psm->fw, NORM_2, &s));
      PetscCall(VecNorm(psm->gam, NORM_2, &gn));
      obj += 0.5 * psm->lambda * PetscRealPart(ff - fdf) + 0.5 * psm->beta * (s * s - gn * gn);
      /* f = (lambda D(f) + beta (X + gamma)) / (lambda + beta); gamma += X - f */
      PetscCall(VecWAXPY(psm->fw, 1.0, psm->X, psm->gam));
      PetscCall(VecAXPBYPCZ(recon->f, psm->lambda / (psm->lambda + psm->beta), psm->beta / (psm->lambda + psm->beta), 0.0, psm->fw2, psm->fw));
      PetscCall(VecAXPY(psm->gam, 1.0, psm->X));
      PetscCall(VecAXPY(psm->gam, -1.0, recon->f));
      PetscCall(PSMDistance_Private(psm->X, recon->f, psm->fw, &rp));
      PetscCall(VecNorm(recon->f, NORM_2, &nf));
      rp /= PetscMax(nf, PETSC_SMALL);
    } else {
      PetscCall(VecCopy(psm->X, recon->f));
      rp = 0;
    }
    PetscCall(VecCopy(psm->X, psm->Xold));
    PetscCall(ReconLogIteration_Private(recon, obj, rp, rd, &stop));
  }
  PetscFunctionReturn(0);
}

/* the iterates of the PSM/RED-PSM, into or out of the group /checkpoint */
static PetscErrorCode ReconCheckpoint_PSM(Recon recon, PetscViewer v, PetscBool load)
{
  Recon_PSM     *psm = (Recon_PSM *)recon->data;
  Vec            vecs[6];
  const char    *names[6] = {"lambda", "xold", "f", "gamma", "adam_m", "adam_v"};
  const PetscInt nv       = psm->red ? (psm->mlam ? 6 : 4) : 2;

  PetscFunctionBegin;
  vecs[0] = psm->lam;
  vecs[1] = psm->Xold;
  vecs[2] = recon->f;
  vecs[3] = psm->gam;
  vecs[4] = psm->mlam;
  vecs[5] = psm->vlam;
  for (PetscInt i = 0; i < nv; i++) {
    PetscCall(PetscObjectSetName((PetscObject)vecs[i], names[i]));
    if (load) PetscCall(TesseraIOReadVec(v, "/checkpoint", vecs[i]));
    else PetscCall(TesseraIOWriteVec(v, "/checkpoint", vecs[i]));
  }
  if (load) PetscCall(TesseraIOReadArray(v, "/checkpoint", "Z", psm->d * psm->nb, psm->Z));
  else PetscCall(TesseraIOWriteArray(v, "/checkpoint", "Z", psm->d * psm->nb, psm->Z));
  if (psm->mlam) {
    if (load) {
      PetscCall(TesseraIOReadArray(v, "/checkpoint", "adam_mz", psm->d * psm->nb, psm->mz));
      PetscCall(TesseraIOReadArray(v, "/checkpoint", "adam_vz", psm->d * psm->nb, psm->vz));
      PetscCall(TesseraIOReadAttribute(v, "/checkpoint", "adam_t", PETSC_INT, &psm->adam_t));
    } else {
      PetscCall(TesseraIOWriteArray(v, "/checkpoint", "adam_mz", psm->d * psm->nb, psm->mz));
      PetscCall(TesseraIOWriteArray(v, "/checkpoint", "adam_vz", psm->d * psm->nb, psm->vz));
      PetscCall(TesseraIOWriteAttribute(v, "/checkpoint", "adam_t", PETSC_INT, &psm->adam_t));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconReset_PSM(Recon recon)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(PetscFree3(psm->U, psm->Z, psm->Psi));
  PetscCall(VecDestroy(&psm->lam));
  PetscCall(VecDestroy(&psm->lamall));
  PetscCall(VecDestroy(&psm->xall));
  PetscCall(VecDestroy(&psm->lwork));
  PetscCall(VecScatterDestroy(&psm->toall));
  PetscCall(VecDestroy(&psm->X));
  PetscCall(VecDestroy(&psm->Xold));
  PetscCall(VecDestroy(&psm->gam));
  PetscCall(VecDestroy(&psm->atg));
  PetscCall(VecDestroy(&psm->fw));
  PetscCall(VecDestroy(&psm->fw2));
  PetscCall(VecDestroy(&psm->r1));
  if (psm->AL) PetscCall(VecDestroyVecs(psm->nb, &psm->AL));
  PetscCall(MatDestroy(&psm->H));
  PetscCall(KSPDestroy(&psm->ksp));
  PetscCall(VecDestroy(&psm->rhs));
  PetscCall(PetscFree5(psm->Gb, psm->C, psm->M, psm->z, psm->LtL));
  PetscCall(VecDestroy(&psm->mlam));
  PetscCall(VecDestroy(&psm->vlam));
  PetscCall(VecDestroy(&psm->glam));
  PetscCall(PetscFree4(psm->mz, psm->vz, psm->gz, psm->gpsi));
  PetscCall(PetscFree4(psm->sym, psm->V, psm->sig, psm->syevwork));
  if (psm->pfwd) fftw_destroy_plan(psm->pfwd);
  if (psm->pbwd) fftw_destroy_plan(psm->pbwd);
  psm->pfwd = psm->pbwd = NULL;
  if (psm->pbuf) fftw_free(psm->pbuf);
  if (psm->phat) fftw_free(psm->phat);
  psm->pbuf = NULL;
  psm->phat = NULL;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSetUp_PSM(Recon recon)
{
  Recon_PSM *psm  = (Recon_PSM *)recon->data;
  MPI_Comm   comm = PetscObjectComm((PetscObject)recon);
  PetscInt   nl = PETSC_DECIDE, nbb, N2 = recon->N * recon->N, nt = recon->t1 - recon->t0;
  PetscBool  isradon;

  PetscFunctionBegin;
  PetscCheck(psm->nb <= 64, comm, PETSC_ERR_ARG_OUTOFRANGE, "Recon: -recon_psm_rank %" PetscInt_FMT " gives more than 64 basis functions", psm->K);
  PetscCheck(psm->d >= 2 && psm->d <= recon->P + 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Recon: -recon_psm_knots %" PetscInt_FMT " must lie in [2, P + 1 = %" PetscInt_FMT "]", psm->d, recon->P + 1);
  PetscCall(MatIsRadon(recon->A, &isradon));
  if (psm->init == RECON_PSM_INIT_PROJECTION && !isradon) psm->init = RECON_PSM_INIT_LSQ;
  PetscCall(ReconReset_PSM(recon));
  PetscCall(PetscMalloc3(recon->P * psm->d, &psm->U, psm->d * psm->nb, &psm->Z, recon->P * psm->nb, &psm->Psi));
  PetscCall(ReconPSMComputeInterpolation(recon->P, psm->d, psm->interp, psm->U));
  /* Lambda: nb images split over the ranks by whole images, and gathered on every rank */
  nbb = psm->nb;
  PetscCall(PetscSplitOwnership(comm, &nl, &nbb));
  PetscCall(VecCreateMPI(comm, nl * N2, psm->nb * N2, &psm->lam));
  PetscCall(VecScatterCreateToAll(psm->lam, &psm->toall, &psm->lamall));
  PetscCall(VecDuplicate(psm->lamall, &psm->xall));
  PetscCall(VecDuplicate(psm->lamall, &psm->lwork));
  PetscCall(VecDuplicate(psm->lam, &psm->rhs));
  PetscCall(VecDuplicate(recon->f, &psm->X));
  PetscCall(VecDuplicate(recon->f, &psm->Xold));
  PetscCall(VecDuplicate(recon->f, &psm->fw));
  PetscCall(VecDuplicate(recon->f, &psm->fw2));
  PetscCall(VecDuplicate(recon->f, &psm->atg));
  PetscCall(VecDuplicate(recon->g, &psm->r1));
  PetscCall(VecDuplicateVecs(recon->g, psm->nb, &psm->AL));
  if (psm->red) {
    Denoiser den;

    PetscCall(VecDuplicate(recon->f, &psm->gam));
    PetscCall(ReconGetDenoiser(recon, &den));
    PetscCall(DenoiserSetImageSize(den, recon->N, recon->N));
    PetscCall(DenoiserSetUp(den));
    if (psm->inner == RECON_REDPSM_INNER_ADAM) {
      PetscCall(VecDuplicate(psm->lam, &psm->mlam));
      PetscCall(VecDuplicate(psm->lam, &psm->vlam));
      PetscCall(VecDuplicate(psm->lam, &psm->glam));
      PetscCall(PetscCalloc4(psm->d * psm->nb, &psm->mz, psm->d * psm->nb, &psm->vz, psm->d * psm->nb, &psm->gz, recon->P * psm->nb, &psm->gpsi));
    }
  }
  PetscCall(PetscMalloc5(recon->P * psm->nb * (psm->nb + 1), &psm->Gb, PetscMax(nt, 1) * psm->nb, &psm->C, PetscSqr(psm->d * psm->nb), &psm->M, psm->d * psm->nb, &psm->z, psm->nb * psm->nb, &psm->LtL));
  /* A^T g, once */
  PetscCall(MatMultTranspose(recon->A, recon->g, psm->atg));
  /* the Lambda step: CG on a shell, options -recon_spatial_ksp_* */
  PetscCall(MatCreateShell(comm, nl * N2, nl * N2, psm->nb * N2, psm->nb * N2, recon, &psm->H));
  PetscCall(MatShellSetOperation(psm->H, MATOP_MULT, (void (*)(void))PSMSpatialMult_Private));
  PetscCall(KSPCreate(comm, &psm->ksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)psm->ksp, (PetscObject)recon, 1));
  PetscCall(KSPSetOptionsPrefix(psm->ksp, ((PetscObject)recon)->prefix));
  PetscCall(KSPAppendOptionsPrefix(psm->ksp, "recon_spatial_"));
  PetscCall(KSPSetType(psm->ksp, KSPCG));
  PetscCall(KSPSetOperators(psm->ksp, psm->H, psm->H));
  {
    PC        pc;
    PetscBool isshell;

    PetscCall(KSPGetPC(psm->ksp, &pc));
    PetscCall(PCSetType(pc, PCSHELL));
    PetscCall(PCShellSetContext(pc, recon));
    PetscCall(PCShellSetApply(pc, PSMPCApply_Private));
    PetscCall(PCShellSetName(pc, "Recon: FFT of the frame-mean A^T A, Psi^T Psi eigenbasis"));
    PetscCall(KSPSetTolerances(psm->ksp, 1e-6, PETSC_DEFAULT, PETSC_DEFAULT, 15));
    PetscCall(KSPSetInitialGuessNonzero(psm->ksp, PETSC_TRUE));
    PetscCall(KSPSetFromOptions(psm->ksp));
    PetscCall(PetscObjectTypeCompare((PetscObject)pc, PCSHELL, &isshell));
    if (isshell) { /* the FFT preconditioner (else -recon_spatial_pc_type chose another) */
      const PetscInt L = 2 * recon->N;

      psm->L    = L;
      psm->pbuf = (double *)fftw_malloc(sizeof(double) * L * L);
      psm->phat = (fftw_complex *)fftw_malloc(sizeof(fftw_complex) * L * (L / 2 + 1));
      PetscCheck(psm->pbuf && psm->phat, PETSC_COMM_SELF, PETSC_ERR_MEM, "Recon: out of memory for the FFT preconditioner");
      psm->pfwd = fftw_plan_dft_r2c_2d((int)L, (int)L, psm->pbuf, psm->phat, FFTW_ESTIMATE);
      psm->pbwd = fftw_plan_dft_c2r_2d((int)L, (int)L, psm->phat, psm->pbuf, FFTW_ESTIMATE);
      PetscCall(PetscMalloc4(L * (L / 2 + 1), &psm->sym, psm->nb * psm->nb, &psm->V, psm->nb, &psm->sig, 8 * psm->nb, &psm->syevwork));
      PetscCall(PSMPCSetUpSymbol_Private(recon));
    }
  }
  PetscCall(KSPSetUp(psm->ksp));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSetFromOptions_PSM(Recon recon, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;
  PetscInt   K = psm->K, d = psm->d;
  PetscReal  xi = psm->xi, chi = psm->chi, lambda = psm->lambda, beta = psm->beta;
  PetscBool  f1, f2;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, psm->red ? "RED-PSM options" : "PSM options");
  PetscCall(TesseraOptionsIntInRange("-recon_psm_rank", "K: the model has K + 1 basis functions", "ReconPSMSetRank", K, &K, &f1, 1, 63));
  if (f1) PetscCall(ReconPSMSetRank(recon, K));
  PetscCall(TesseraOptionsIntInRange("-recon_psm_knots", "Latent knots d of the temporal basis", "ReconPSMSetBasis", d, &d, &f1, 2, 100000));
  PetscCall(PetscOptionsEnum("-recon_psm_interpolation", "Interpolation of the knots", "ReconPSMSetBasis", ReconPSMInterpolations, (PetscEnum)psm->interp, (PetscEnum *)&psm->interp, &f2));
  if (f1 || f2) PetscCall(ReconPSMSetBasis(recon, d, psm->interp));
  PetscCall(TesseraOptionsRealInRange("-recon_psm_xi", "Penalty xi/2 ||Psi||^2", "ReconPSMSetRegularization", xi, &xi, &f1, 0.0, 1e6));
  PetscCall(TesseraOptionsRealInRange("-recon_psm_chi", "Penalty chi/2 ||Lambda||^2", "ReconPSMSetRegularization", chi, &chi, &f2, 0.0, 1e6));
  if (f1 || f2) PetscCall(ReconPSMSetRegularization(recon, xi, chi));
  PetscCall(PetscOptionsEnum("-recon_psm_init", "Start of the model", "ReconPSMSetInitType", ReconPSMInitTypes, (PetscEnum)psm->init, (PetscEnum *)&psm->init, NULL));
  PetscCall(TesseraOptionsIntInRange("-recon_psm_init_harmonics", "Angular harmonics of the projection-domain start", "ReconPSMSetInitType", psm->init_harm, &psm->init_harm, NULL, 0, 1000));
  PetscCall(TesseraOptionsIntInRange("-recon_psm_init_sweeps", "Alternating least-squares sweeps of the projection-domain start", "ReconPSMSetInitType", psm->init_sweeps, &psm->init_sweeps, NULL, 1, 10000));
  PetscCall(TesseraOptionsIntInRange("-recon_psm_init_angles", "Angles at which the basis sinograms are back-projected (0: 2N)", "ReconPSMSetInitType", psm->init_angles, &psm->init_angles, NULL, 0, 100000));
  PetscCall(TesseraOptionsRealInRange("-recon_psm_init_ridge", "Ridge of the projection-domain fit, relative to the mean diagonal", "ReconPSMSetInitType", psm->init_ridge, &psm->init_ridge, NULL, 0.0, 1e6));
  PetscCall(TesseraOptionsIntInRange("-recon_psm_sweeps", "Lambda/Z alternations per outer iteration", "ReconPSMSetRank", psm->sweeps, &psm->sweeps, NULL, 1, 1000));
  if (psm->red) {
    PetscCall(TesseraOptionsRealInRange("-recon_redpsm_lambda", "RED weight lambda", "ReconREDPSMSetPenalty", lambda, &lambda, &f1, 0.0, 1e6));
    PetscCall(TesseraOptionsRealPositive("-recon_redpsm_beta", "Augmented Lagrangian penalty beta", "ReconREDPSMSetPenalty", beta, &beta, &f2, 1e6));
    if (f1 || f2) PetscCall(ReconREDPSMSetPenalty(recon, lambda, beta));
    PetscCall(PetscOptionsEnum("-recon_redpsm_inner", "Solver of the (Lambda, Z) block", "ReconREDPSMSetInner", ReconREDPSMInners, (PetscEnum)psm->inner, (PetscEnum *)&psm->inner, &f1));
    if (f1) recon->setupcalled = PETSC_FALSE;
    PetscCall(TesseraOptionsIntInRange("-recon_redpsm_adam_steps", "Adam steps per outer iteration", "ReconREDPSMSetInner", psm->adam_steps, &psm->adam_steps, NULL, 1, 100000));
    PetscCall(TesseraOptionsRealPositive("-recon_redpsm_adam_lr", "Adam learning rate", "ReconREDPSMSetInner", psm->adam_lr, &psm->adam_lr, NULL, 1e6));
  }
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconView_PSM(Recon recon, PetscViewer viewer)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "model: %" PetscInt_FMT " basis functions (K = %" PetscInt_FMT "), %" PetscInt_FMT " latent knots, %s interpolation; xi %g, chi %g\n", psm->nb, psm->K, psm->d, ReconPSMInterpolations[psm->interp],
                                   (double)psm->xi, (double)psm->chi));
  if (psm->init == RECON_PSM_INIT_PROJECTION) PetscCall(PetscViewerASCIIPrintf(viewer, "start: PROJECTION (%" PetscInt_FMT " harmonics, %" PetscInt_FMT " sweeps, ridge %g)\n", psm->init_harm, psm->init_sweeps, (double)psm->init_ridge));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "start: %s\n", ReconPSMInitTypes[psm->init]));
  if (psm->red) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "RED: lambda %g, beta %g (f = %.4g D(f) + %.4g (X + gamma))\n", (double)psm->lambda, (double)psm->beta, (double)(psm->lambda / (psm->lambda + psm->beta)), (double)(psm->beta / (psm->lambda + psm->beta))));
    if (psm->inner == RECON_REDPSM_INNER_ADAM) PetscCall(PetscViewerASCIIPrintf(viewer, "(Lambda, Z) block: ADAM, %" PetscInt_FMT " steps, lr %g\n", psm->adam_steps, (double)psm->adam_lr));
    else PetscCall(PetscViewerASCIIPrintf(viewer, "(Lambda, Z) block: EXACT (CG, dense solve), %" PetscInt_FMT " sweep(s)\n", psm->sweeps));
    if (recon->denoiser) PetscCall(DenoiserView(recon->denoiser, viewer));
  }
  if (psm->ksp && (!psm->red || psm->inner == RECON_REDPSM_INNER_EXACT)) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "spatial CG iterations in the last solve: %" PetscInt_FMT "\n", psm->kspits));
    PetscCall(KSPView(psm->ksp, viewer));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconDestroy_PSM(Recon recon)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(ReconReset_PSM(recon));
  PetscCall(VecDestroy(&psm->user_lam));
  PetscCall(PetscFree(psm->user_Z));
  PetscCall(PetscFree(recon->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetRank_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetRank_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetBasis_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetRegularization_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetInitType_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetFactors_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetFactors_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetModel_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconREDPSMSetPenalty_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconREDPSMSetInner_C", NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMSetRank_PSM(Recon recon, PetscInt K)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCheck(K >= 1 && K <= 63, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: rank K = %" PetscInt_FMT " must lie in [1, 63] (the model has K + 1 basis functions)", K);
  if (K != psm->K) {
    PetscCall(ReconReset(recon));
    psm->K  = K;
    psm->nb = K + 1;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMGetRank_PSM(Recon recon, PetscInt *K)
{
  PetscFunctionBegin;
  *K = ((Recon_PSM *)recon->data)->K;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMSetBasis_PSM(Recon recon, PetscInt d, ReconPSMInterpolation interp)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCheck(d >= 2, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: %" PetscInt_FMT " latent knots; need at least 2", d);
  PetscCall(ReconReset(recon));
  psm->d      = d;
  psm->interp = interp;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMSetRegularization_PSM(Recon recon, PetscReal xi, PetscReal chi)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)recon), "Recon xi", xi, 0.0, 1e6));
  PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)recon), "Recon chi", chi, 0.0, 1e6));
  psm->xi  = xi;
  psm->chi = chi;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMSetInitType_PSM(Recon recon, ReconPSMInitType init)
{
  PetscFunctionBegin;
  ((Recon_PSM *)recon->data)->init = init;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMSetFactors_PSM(Recon recon, Vec lam, const PetscReal Z[])
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&psm->user_lam));
  PetscCall(VecDuplicate(lam, &psm->user_lam));
  PetscCall(VecCopy(lam, psm->user_lam));
  PetscCall(PetscFree(psm->user_Z));
  PetscCall(PetscMalloc1(psm->d * psm->nb, &psm->user_Z));
  PetscCall(PetscArraycpy(psm->user_Z, Z, psm->d * psm->nb));
  psm->init = RECON_PSM_INIT_USER;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMGetFactors_PSM(Recon recon, Vec *lam, const PetscReal *Z[], const PetscReal *Psi[])
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  if (lam) *lam = psm->lam;
  if (Z) *Z = psm->Z;
  if (Psi) *Psi = psm->Psi;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconPSMGetModel_PSM(Recon recon, Vec *X)
{
  PetscFunctionBegin;
  *X = ((Recon_PSM *)recon->data)->X;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconREDPSMSetPenalty_PSM(Recon recon, PetscReal lambda, PetscReal beta)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)recon), "RED-PSM lambda", lambda, 0.0, 1e6));
  PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)recon), "RED-PSM beta", beta, PETSC_MIN_REAL, 1e6));
  psm->lambda = lambda;
  psm->beta   = beta;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconREDPSMSetInner_PSM(Recon recon, ReconREDPSMInner inner)
{
  Recon_PSM *psm = (Recon_PSM *)recon->data;

  PetscFunctionBegin;
  if (inner != psm->inner) PetscCall(ReconReset(recon));
  psm->inner = inner;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconCreate_PSMCommon_Private(Recon recon, PetscBool red)
{
  Recon_PSM *psm;

  PetscFunctionBegin;
  PetscCall(PetscNew(&psm));
  recon->data = (void *)psm;
  psm->red    = red;
  /* the authors' P = 256 setting, rescaled to the sum convention (README): K = 10, d = 11 */
  psm->K           = 10;
  psm->nb          = 11;
  psm->d           = 11;
  psm->interp      = RECON_PSM_HERMITE;
  psm->xi          = 1.1636e-5;
  psm->chi         = 1.8183e-7;
  psm->lambda      = 0.8192;
  psm->beta        = 1.6384;
  psm->inner       = RECON_REDPSM_INNER_EXACT;
  psm->sweeps      = 1;
  psm->adam_steps  = 25;
  psm->adam_lr     = 5e-3;
  psm->adam_b1     = 0.9;
  psm->adam_b2     = 0.999;
  psm->adam_eps    = 1e-8;
  psm->init        = RECON_PSM_INIT_PROJECTION;
  psm->init_harm   = 16;
  psm->init_sweeps = 10;
  psm->init_angles = 0;
  psm->init_ridge  = 1e-3;

  recon->ops->setup          = ReconSetUp_PSM;
  recon->ops->solve          = ReconSolve_PSM;
  recon->ops->setfromoptions = ReconSetFromOptions_PSM;
  recon->ops->view           = ReconView_PSM;
  recon->ops->reset          = ReconReset_PSM;
  recon->ops->destroy        = ReconDestroy_PSM;
  recon->ops->checkpoint     = ReconCheckpoint_PSM;
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetRank_C", ReconPSMSetRank_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetRank_C", ReconPSMGetRank_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetBasis_C", ReconPSMSetBasis_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetRegularization_C", ReconPSMSetRegularization_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetInitType_C", ReconPSMSetInitType_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMSetFactors_C", ReconPSMSetFactors_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetFactors_C", ReconPSMGetFactors_PSM));
  PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconPSMGetModel_C", ReconPSMGetModel_PSM));
  if (red) {
    PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconREDPSMSetPenalty_C", ReconREDPSMSetPenalty_PSM));
    PetscCall(PetscObjectComposeFunction((PetscObject)recon, "ReconREDPSMSetInner_C", ReconREDPSMSetInner_PSM));
  }
  PetscFunctionReturn(0);
}

/*MC
  RECONREDPSM - "redpsm": RED-PSM, a partially separable model regularised by denoising, by scaled ADMM

  Options Database Keys:
+ -recon_psm_rank <10>              - K: the model has K + 1 basis functions
. -recon_psm_knots <11>             - latent knots d of the temporal basis
. -recon_psm_interpolation <hermite> - hermite or linear
. -recon_psm_xi <1.16e-5>           - xi of xi/2 ||Psi||^2
. -recon_psm_chi <1.82e-7>          - chi of chi/2 ||Lambda||^2
. -recon_psm_init <projection>      - projection (Radon only), lsq, user
. -recon_psm_init_harmonics <16>    - angular harmonics n <= this in the projection-domain fit
. -recon_psm_init_sweeps <10>       - its alternating least-squares sweeps
. -recon_psm_init_ridge <1e-3>      - its ridge, relative to the mean diagonal of the normal matrices
. -recon_psm_sweeps <1>             - Lambda/Z alternations per outer iteration
. -recon_redpsm_lambda <0.8192>     - RED weight
. -recon_redpsm_beta <1.6384>       - augmented Lagrangian penalty
. -recon_redpsm_inner <exact>       - exact (CG + dense solve) or adam (the authors' steps)
. -recon_redpsm_adam_steps <25>     - Adam steps per outer iteration
. -recon_redpsm_adam_lr <5e-3>      - Adam learning rate
. -recon_spatial_ksp_rtol <1e-6>    - tolerance of the Lambda CG (also -recon_spatial_ksp_max_it <50>)
- -recon_denoiser_type <gaussian>   - the denoiser (all -recon_denoiser_* options)

  Level: beginner

  Notes:
  Defaults are the authors' P = 256 setting (K = 10, d = 11, lambda = 5e-5, beta = 1e-4, xi = chi = 1e-6 in
  their mean convention) rescaled to tessera's sum convention for a 128 x 128 x 256 problem with one
  128-bin projection per frame (M = 32768 data): lambda = M lambda_a / 2, beta = M beta_a / 2,
  xi = M xi_a / (P (K + 1)), chi = M chi_a / (N^2 (K + 1)). lambda / (lambda + beta) = 1/3 as in the paper.

  Reference: B. Iskender, M. L. Klasky, Y. Bresler, ICCV 2023, doi:10.1109/ICCV51070.2023.00972.

.seealso: `RECONPSM`, `ReconSetType()`, `ReconREDPSMSetPenalty()`
M*/
PetscErrorCode ReconCreate_REDPSM(Recon recon)
{
  Denoiser den;

  PetscFunctionBegin;
  PetscCall(ReconCreate_PSMCommon_Private(recon, PETSC_TRUE));
  PetscCall(ReconGetDenoiser(recon, &den));
  PetscFunctionReturn(0);
}

/*MC
  RECONPSM - "psm": the partially separable model alone (data fit with Frobenius penalties), by alternating
  exact Lambda (CG) and Z (dense) steps

  Options Database Keys:
. -recon_psm_* - as for `RECONREDPSM`

  Level: beginner

.seealso: `RECONREDPSM`, `ReconSetType()`
M*/
PetscErrorCode ReconCreate_PSM(Recon recon)
{
  PetscFunctionBegin;
  PetscCall(ReconCreate_PSMCommon_Private(recon, PETSC_FALSE));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMSetRank - Sets K; the model has K + 1 basis functions (the authors' convention)

  Logically Collective

  Input Parameters:
+ recon - the solver (`RECONREDPSM` or `RECONPSM`; ignored by other types)
- K     - at least 1

  Options Database Key:
. -recon_psm_rank <10> - K

  Level: beginner

.seealso: `ReconPSMSetBasis()`
@*/
PetscErrorCode ReconPSMSetRank(Recon recon, PetscInt K)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidLogicalCollectiveInt(recon, K, 2);
  PetscCheck(K >= 1, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: rank K = %" PetscInt_FMT " must be at least 1 (the model has K + 1 basis functions)", K);
  PetscTryMethod(recon, "ReconPSMSetRank_C", (Recon, PetscInt), (recon, K));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMGetRank - Gets K (the model has K + 1 basis functions)

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. K - the rank parameter

  Level: beginner

.seealso: `ReconPSMSetRank()`
@*/
PetscErrorCode ReconPSMGetRank(Recon recon, PetscInt *K)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(K, 2);
  PetscUseMethod(recon, "ReconPSMGetRank_C", (Recon, PetscInt *), (recon, K));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMSetBasis - Sets the temporal basis Psi = U Z: d latent knots and their interpolation

  Logically Collective

  Input Parameters:
+ recon  - the solver
. d      - number of knots, 2 <= d <= P + 1
- interp - `RECON_PSM_HERMITE` or `RECON_PSM_LINEAR`

  Options Database Keys:
+ -recon_psm_knots <11>                     - d
- -recon_psm_interpolation <hermite,linear> - interp

  Level: intermediate

.seealso: `ReconPSMComputeInterpolation()`
@*/
PetscErrorCode ReconPSMSetBasis(Recon recon, PetscInt d, ReconPSMInterpolation interp)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryMethod(recon, "ReconPSMSetBasis_C", (Recon, PetscInt, ReconPSMInterpolation), (recon, d, interp));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMSetRegularization - Sets the Frobenius penalties xi/2 ||Psi||_F^2 and chi/2 ||Lambda||_F^2

  Logically Collective

  Input Parameters:
+ recon - the solver
. xi    - temporal penalty, >= 0
- chi   - spatial penalty, >= 0

  Options Database Keys:
+ -recon_psm_xi  - xi
- -recon_psm_chi - chi

  Level: intermediate

.seealso: `ReconREDPSMSetPenalty()`
@*/
PetscErrorCode ReconPSMSetRegularization(Recon recon, PetscReal xi, PetscReal chi)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryMethod(recon, "ReconPSMSetRegularization_C", (Recon, PetscReal, PetscReal), (recon, xi, chi));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMSetInitType - Sets how the model is started

  Logically Collective

  Input Parameters:
+ recon - the solver
- init  - `RECON_PSM_INIT_PROJECTION` (default; Radon only), `RECON_PSM_INIT_LSQ` or `RECON_PSM_INIT_USER`

  Options Database Key:
. -recon_psm_init <projection,lsq,user> - the start

  Level: intermediate

.seealso: `ReconPSMSetFactors()`
@*/
PetscErrorCode ReconPSMSetInitType(Recon recon, ReconPSMInitType init)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryMethod(recon, "ReconPSMSetInitType_C", (Recon, ReconPSMInitType), (recon, init));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMSetFactors - Sets the starting factors Lambda and Z (and selects `RECON_PSM_INIT_USER`)

  Collective

  Input Parameters:
+ recon - the solver, set up (so that the layout of Lambda is known; see `ReconPSMGetFactors()`)
. lam   - Lambda: K + 1 images of N^2, in the layout of the solver's Lambda
- Z     - the latent knots [d][K + 1], row major, the same on every rank

  Level: advanced

.seealso: `ReconPSMGetFactors()`, `ReconPSMSetInitType()`
@*/
PetscErrorCode ReconPSMSetFactors(Recon recon, Vec lam, const PetscReal Z[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidHeaderSpecific(lam, VEC_CLASSID, 2);
  PetscTryMethod(recon, "ReconPSMSetFactors_C", (Recon, Vec, const PetscReal[]), (recon, lam, Z));
  PetscFunctionReturn(0);
}

/*@C
  ReconPSMGetFactors - Gets the factors of the model X = Lambda Psi^T, Psi = U Z

  Not Collective

  Input Parameter:
. recon - the solver, set up

  Output Parameters:
+ lam - Lambda: K + 1 images of N^2 split over the ranks by whole images (do not destroy; may be NULL)
. Z   - the latent knots [d][K + 1] (do not free; may be NULL)
- Psi - the temporal basis [P][K + 1] (do not free; may be NULL)

  Level: intermediate

.seealso: `ReconPSMSetFactors()`, `ReconPSMGetModel()`
@*/
PetscErrorCode ReconPSMGetFactors(Recon recon, Vec *lam, const PetscReal *Z[], const PetscReal *Psi[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscUseMethod(recon, "ReconPSMGetFactors_C", (Recon, Vec *, const PetscReal *[], const PetscReal *[]), (recon, lam, Z, Psi));
  PetscFunctionReturn(0);
}

/*@
  ReconPSMGetModel - Gets the model frames X = Lambda Psi^T of the last iteration

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. X - the frames (do not destroy)

  Level: intermediate

  Notes:
  For `RECONREDPSM` the solution (`ReconGetSolution()`) is the RED variable f, which agrees with X at
  convergence of the ADMM.

.seealso: `ReconPSMGetFactors()`, `ReconGetSolution()`
@*/
PetscErrorCode ReconPSMGetModel(Recon recon, Vec *X)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(X, 2);
  PetscUseMethod(recon, "ReconPSMGetModel_C", (Recon, Vec *), (recon, X));
  PetscFunctionReturn(0);
}

/*@
  ReconREDPSMSetPenalty - Sets the RED weight lambda and the augmented Lagrangian penalty beta

  Logically Collective

  Input Parameters:
+ recon  - the solver
. lambda - RED weight, >= 0
- beta   - penalty, > 0

  Options Database Keys:
+ -recon_redpsm_lambda <0.8192> - lambda
- -recon_redpsm_beta <1.6384>   - beta

  Level: beginner

.seealso: `RECONREDPSM`
@*/
PetscErrorCode ReconREDPSMSetPenalty(Recon recon, PetscReal lambda, PetscReal beta)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryMethod(recon, "ReconREDPSMSetPenalty_C", (Recon, PetscReal, PetscReal), (recon, lambda, beta));
  PetscFunctionReturn(0);
}

/*@
  ReconREDPSMSetInner - Sets how RED-PSM solves its (Lambda, Z) block

  Logically Collective

  Input Parameters:
+ recon - the solver
- inner - `RECON_REDPSM_INNER_EXACT` (CG and dense solve) or `RECON_REDPSM_INNER_ADAM` (the authors' Adam steps)

  Options Database Key:
. -recon_redpsm_inner <exact,adam> - the block solver

  Level: intermediate

.seealso: `RECONREDPSM`
@*/
PetscErrorCode ReconREDPSMSetInner(Recon recon, ReconREDPSMInner inner)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryMethod(recon, "ReconREDPSMSetInner_C", (Recon, ReconREDPSMInner), (recon, inner));
  PetscFunctionReturn(0);
}
