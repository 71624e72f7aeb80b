/*
   cnn.c - DENOISERCNN: inference of a DnCNN-style convolutional network in C, weights read from HDF5.

   Network: 3x3 convolution 1 -> C + ReLU, (L - 2) x (3x3 convolution C -> C + ReLU), 3x3 convolution C -> 1,
   zero padding 1, no batch normalisation (as the denoiser of RED-PSM). Residual mode: D(x) = x - net(x);
   otherwise D(x) = net(x). Convolutions are cross-correlations, out[o](i, j) = b[o] + sum_{c, a, b}
   W[o][c][a][b] in[c](i + a - 1, j + b - 1), as in PyTorch's Conv2d. Activations are kept in zero-bordered
   planes so the inner loops run without bounds checks.

   Speed: each layer is Winograd's F(2x2,3x3) with 16 GEMMs per block of tiles, or im2col on blocks of output
   positions + one GEMM per block (OpenBLAS; cnnlayer.h), in single precision by default
   (-denoiser_cnn_precision double for double). The GEMM runs on OpenBLAS's
   threads: -denoiser_cnn_threads, else OPENBLAS_NUM_THREADS, else the cores available to the process divided
   by the MPI ranks sharing the node (so ranks do not oversubscribe the cores).

   The weight file is written by operators/denoiser/train_dncnn.py (see the README): root attributes layers,
   channels, residual; datasets /cnn/w<k> (out x in x 3 x 3) and /cnn/b<k>; optionally /check/input and
   /check/output (a noisy frame and the training framework's output on it, to test this inference).
   Unless a file is given, dncnn.h5 is looked up in $TESSERA_DATA_DIR, then in tessera's data directory
   (TesseraGetDataDirectory(): <prefix>/share/tessera of an installed library, <build>/share/tessera of a build tree).

   Reference: K. Zhang, W. Zuo, Y. Chen, D. Meng, L. Zhang, Beyond a Gaussian denoiser: residual learning of
   deep CNN for image denoising, IEEE Trans. Image Process. 26 (2017) 3142, doi:10.1109/TIP.2017.2662206.
*/
#include "../denoiserimpl.h"
#include <tesseraio.h>
#include <string.h>
#include <cblas.h>

#define CNN_WINOGRAD_TILES 512 /* tiles per Winograd block (whole rows of tiles; measured best at 128^2) */
#define CNN_WINOGRAD_PAD   32  /* padding of the 16 matrices of a Winograd block (cnnlayer.h) */

#define CNN_REAL   float
#define CNN_GEMM   cblas_sgemm
#define CNN_SUFFIX Single
#include "cnnlayer.h"
#undef CNN_REAL
#undef CNN_GEMM
#undef CNN_SUFFIX
#define CNN_REAL   double
#define CNN_GEMM   cblas_dgemm
#define CNN_SUFFIX Double
#include "cnnlayer.h"
#undef CNN_REAL
#undef CNN_GEMM
#undef CNN_SUFFIX

static const char CNNCitation[] = "@article{zhang2017dncnn,\n  author  = {K. Zhang and W. Zuo and Y. Chen and D. Meng and L. Zhang},\n  title   = {Beyond a {G}aussian denoiser: residual learning of deep {CNN} for image denoising},\n  journal = "
                                  "{IEEE Trans. Image Process.},\n  volume  = {26},\n  pages   = {3142--3155},\n  year    = {2017},\n  doi     = {10.1109/TIP.2017.2662206}\n}\n";
static PetscBool  CNNCite       = PETSC_FALSE;

#define CNN_WEIGHTS      "dncnn.h5"
#define CNN_MAX_DIRS     16
#define CNN_MAX_LAYERS   1024 /* sanity bounds on what a weight file may declare */
#define CNN_MAX_CHANNELS 4096
#define CNN_BLOCK_BYTES  (256 * 1024) /* target size of an im2col block (fits the L2 cache) */

typedef struct {
  char          file[PETSC_MAX_PATH_LEN]; /* weight file given by the user; empty: look CNN_WEIGHTS up */
  char          path[PETSC_MAX_PATH_LEN]; /* the file loaded (or to load) */
  PetscInt      ndirs;                    /* directories of -denoiser_cnn_search (0: the default ones) */
  char         *dirs[CNN_MAX_DIRS];
  PetscBool     loaded;
  PetscInt      L, C;       /* convolution layers, hidden channels */
  PetscBool     residual;   /* D(x) = x - net(x) */
  PetscInt     *cin, *cout; /* channels of each layer [L] */
  PetscReal   **w, **b;     /* weights [L][cout cin 9] and biases [L][cout], as read */
  float       **wf, **bf;   /* the same in single precision */
  PetscReal   **u;          /* Winograd F(2x2,3x3) weights G g G^T [L][16 cout cin] */
  float       **uf;         /* the same in single precision */
  PetscBool     winograd;   /* Winograd layers (else im2col + GEMM) */
  PetscInt      ntb;        /* tiles per Winograd block */
  void         *V, *M;      /* Winograd blocks: 16 C x ntb each */
  PetscDataType precision;  /* PETSC_FLOAT or PETSC_DOUBLE: the arithmetic of the inference */
  PetscInt      threads;    /* OpenBLAS threads asked for (0: automatic) */
  PetscInt      nthreads;   /* OpenBLAS threads used */
  PetscInt      nb;         /* output positions per im2col block */
  void         *a0, *a1;    /* activations, C zero-bordered (ny + 2) x (nx + 2) planes each */
  void         *col;        /* im2col block, 9 C x nb */
  PetscInt      checkn;     /* stored check frame (0: none) */
  PetscReal    *checkin, *checkout;
} Denoiser_CNN;

static PetscErrorCode DenoiserCNNFreeWeights_Private(Denoiser_CNN *cnn)
{
  PetscFunctionBegin;
  for (PetscInt l = 0; l < cnn->L; l++) {
    if (cnn->w) PetscCall(PetscFree(cnn->w[l]));
    if (cnn->b) PetscCall(PetscFree(cnn->b[l]));
    if (cnn->wf) PetscCall(PetscFree2(cnn->wf[l], cnn->bf[l]));
    if (cnn->u) PetscCall(PetscFree2(cnn->u[l], cnn->uf[l]));
  }
  PetscCall(PetscFree6(cnn->w, cnn->b, cnn->wf, cnn->bf, cnn->u, cnn->uf));
  PetscCall(PetscFree2(cnn->cin, cnn->cout));
  PetscCall(PetscFree(cnn->checkin));
  PetscCall(PetscFree(cnn->checkout));
  cnn->L      = 0;
  cnn->checkn = 0;
  cnn->loaded = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserReset_CNN(Denoiser d)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscFree5(cnn->a0, cnn->a1, cnn->col, cnn->V, cnn->M));
  PetscFunctionReturn(0);
}

/* reads one array of the expected length from the weight file */
static PetscErrorCode DenoiserCNNReadArray_Private(PetscViewer v, const char *file, const char *group, const char *name, PetscInt n, PetscReal **a)
{
  PetscInt len;

  PetscFunctionBegin;
  PetscCall(TesseraIOGetArraySize(v, group, name, &len));
  PetscCheck(len == n, PetscObjectComm((PetscObject)v), PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s is malformed: dataset %s/%s has %" PetscInt_FMT " values, expected %" PetscInt_FMT, file, group, name, len, n);
  PetscCall(PetscMalloc1(n, a));
  PetscCall(TesseraIOReadArray(v, group, name, n, *a));
  PetscFunctionReturn(0);
}

/* the directories searched for CNN_WEIGHTS, in order, each with where it comes from: those of -denoiser_cnn_search,
   else tessera's default places (TesseraDataDirectories_Private(): $TESSERA_DATA_DIR, the library's data directory);
   env and lib (capacity len) hold the directories that are not the object's */
static PetscErrorCode DenoiserCNNSearchDirs_Private(Denoiser d, char env[], char lib[], size_t len, PetscInt *n, const char *dirs[], const char *from[])
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  *n = 0;
  if (cnn->ndirs) {
    for (PetscInt i = 0; i < cnn->ndirs; i++, (*n)++) {
      dirs[*n] = cnn->dirs[i];
      from[*n] = "-denoiser_cnn_search";
    }
    PetscFunctionReturn(0);
  }
  PetscCall(TesseraDataDirectories_Private(PetscObjectComm((PetscObject)d), env, lib, len, n, dirs, from));
  PetscFunctionReturn(0);
}

/* sets cnn->path: the file given, else CNN_WEIGHTS in the first search directory that holds it (rank 0 looks) */
static PetscErrorCode DenoiserCNNFindWeights_Private(Denoiser d)
{
  Denoiser_CNN *cnn  = (Denoiser_CNN *)d->data;
  MPI_Comm      comm = PetscObjectComm((PetscObject)d);
  char          env[PETSC_MAX_PATH_LEN], lib[PETSC_MAX_PATH_LEN], tried[4096];
  const char   *dirs[CNN_MAX_DIRS], *from[CNN_MAX_DIRS];
  PetscInt      n;

  PetscFunctionBegin;
  if (cnn->file[0]) {
    PetscCall(PetscStrncpy(cnn->path, cnn->file, sizeof(cnn->path)));
    PetscFunctionReturn(0);
  }
  PetscCall(DenoiserCNNSearchDirs_Private(d, env, lib, sizeof(env), &n, dirs, from));
  PetscCall(TesseraFindFile_Private(comm, CNN_WEIGHTS, n, dirs, from, cnn->path, sizeof(cnn->path), tried, sizeof(tried)));
  PetscCheck(cnn->path[0], comm, PETSC_ERR_FILE_OPEN, "CNN denoiser: no weight file given (-denoiser_cnn_weights) and none found; tried:%s\nGive -denoiser_cnn_weights <file>, or set TESSERA_DATA_DIR to a directory holding %s", tried, CNN_WEIGHTS);
  PetscFunctionReturn(0);
}

/* u[xi = 4 p + q][o][c] = (G g_oc G^T)[p][q] for the 3x3 kernels g_oc = w[o][c], G of F(2x2, 3x3) */
static void DenoiserCNNWinogradWeights_Private(PetscInt cout, PetscInt cin, const PetscReal *w, PetscReal *u)
{
  const PetscReal G[4][3] = {{1.0, 0.0, 0.0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0.0, 0.0, 1.0}};

  for (PetscInt o = 0; o < cout; o++)
    for (PetscInt c = 0; c < cin; c++) {
      const PetscReal *g = w + (o * cin + c) * 9;

      for (PetscInt p = 0; p < 4; p++)
        for (PetscInt q = 0; q < 4; q++) {
          PetscReal sum = 0;

          for (PetscInt a = 0; a < 3; a++)
            for (PetscInt b = 0; b < 3; b++) sum += G[p][a] * g[a * 3 + b] * G[q][b];
          u[((4 * p + q) * cout + o) * cin + c] = sum;
        }
    }
}

/* reads the network; checks every declared size against its bounds and every dataset against its shape */
static PetscErrorCode DenoiserCNNLoad_Private(Denoiser d)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;
  PetscViewer   v;
  PetscInt      L, C, res;
  PetscBool     has;
  MPI_Comm      comm = PetscObjectComm((PetscObject)d);

  PetscFunctionBegin;
  PetscCall(DenoiserCNNFreeWeights_Private(cnn));
  PetscCall(DenoiserCNNFindWeights_Private(d));
  PetscCall(TesseraIOOpen(comm, cnn->path, FILE_MODE_READ, "dncnn", &v));
  PetscCall(TesseraIOReadAttribute(v, "/", "layers", PETSC_INT, &L));
  PetscCall(TesseraIOReadAttribute(v, "/", "channels", PETSC_INT, &C));
  PetscCall(TesseraIOReadAttribute(v, "/", "residual", PETSC_INT, &res));
  if (L < 2 || L > CNN_MAX_LAYERS || C < 1 || C > CNN_MAX_CHANNELS || (res != 0 && res != 1)) PetscCall(TesseraIOClose(&v));
  PetscCheck(L >= 2 && L <= CNN_MAX_LAYERS && C >= 1 && C <= CNN_MAX_CHANNELS, comm, PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s is malformed: %" PetscInt_FMT " layers of %" PetscInt_FMT " channels (need 2..%d layers of 1..%d channels)",
             cnn->path, L, C, CNN_MAX_LAYERS, CNN_MAX_CHANNELS);
  PetscCheck(res == 0 || res == 1, comm, PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s is malformed: attribute residual is %" PetscInt_FMT ", expected 0 or 1", cnn->path, res);
  cnn->C        = C;
  cnn->residual = (PetscBool)(res != 0);
  PetscCall(PetscCalloc6(L, &cnn->w, L, &cnn->b, L, &cnn->wf, L, &cnn->bf, L, &cnn->u, L, &cnn->uf));
  PetscCall(PetscMalloc2(L, &cnn->cin, L, &cnn->cout));
  cnn->L = L;
  for (PetscInt l = 0; l < L; l++) {
    char           wn[32], bn[32];
    const PetscInt nw = (l == L - 1 ? 1 : C) * (l == 0 ? 1 : C) * 9;

    cnn->cin[l]  = l == 0 ? 1 : C;
    cnn->cout[l] = l == L - 1 ? 1 : C;
    PetscCall(PetscSNPrintf(wn, sizeof(wn), "w%" PetscInt_FMT, l));
    PetscCall(PetscSNPrintf(bn, sizeof(bn), "b%" PetscInt_FMT, l));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/cnn", wn, nw, &cnn->w[l]));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/cnn", bn, cnn->cout[l], &cnn->b[l]));
    PetscCall(PetscMalloc2(nw, &cnn->wf[l], cnn->cout[l], &cnn->bf[l]));
    for (PetscInt k = 0; k < nw; k++) cnn->wf[l][k] = (float)cnn->w[l][k]; /* finite: TesseraIOReadArray() checks */
    for (PetscInt k = 0; k < cnn->cout[l]; k++) cnn->bf[l][k] = (float)cnn->b[l][k];
    PetscCall(PetscMalloc2(16 * nw / 9, &cnn->u[l], 16 * nw / 9, &cnn->uf[l]));
    DenoiserCNNWinogradWeights_Private(cnn->cout[l], cnn->cin[l], cnn->w[l], cnn->u[l]);
    for (PetscInt k = 0; k < 16 * nw / 9; k++) cnn->uf[l][k] = (float)cnn->u[l][k];
  }
  PetscCall(TesseraIOHasDataset(v, "/check", "input", &has));
  if (has) {
    PetscInt n;

    PetscCall(TesseraIOReadAttribute(v, "/check", "n", PETSC_INT, &n));
    PetscCheck(n >= 1 && n <= 4096, comm, PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s is malformed: check frame side /check n = %" PetscInt_FMT " is not in 1..4096", cnn->path, n);
    PetscCall(PetscFree(cnn->checkin));
    PetscCall(PetscFree(cnn->checkout));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/check", "input", n * n, &cnn->checkin));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/check", "output", n * n, &cnn->checkout));
    cnn->checkn = n;
  }
  PetscCall(TesseraIOClose(&v));
  cnn->loaded = PETSC_TRUE;
  PetscCall(PetscInfo(d, "CNN: %" PetscInt_FMT " layers, %" PetscInt_FMT " channels from %s\n", L, C, cnn->path));
  PetscFunctionReturn(0);
}

/* the OpenBLAS threads: asked for, else OPENBLAS_NUM_THREADS, else the cores over the ranks on this node */
static PetscErrorCode DenoiserCNNSetThreads_Private(Denoiser d)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;
  char          env[64];
  PetscBool     set;

  PetscFunctionBegin;
  PetscCall(PetscOptionsGetenv(PetscObjectComm((PetscObject)d), "OPENBLAS_NUM_THREADS", env, sizeof(env), &set));
  if (cnn->threads > 0) openblas_set_num_threads((int)cnn->threads);
  else if (!set || !env[0]) {
    MPI_Comm    node;
    PetscMPIInt nlocal;
    int         procs = openblas_get_num_procs();

    PetscCallMPI(MPI_Comm_split_type(PETSC_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node));
    PetscCallMPI(MPI_Comm_size(node, &nlocal));
    PetscCallMPI(MPI_Comm_free(&node));
    if (openblas_get_num_threads() * nlocal > procs) openblas_set_num_threads(PetscMax(1, procs / nlocal));
  }
  cnn->nthreads = openblas_get_num_threads();
  PetscCall(PetscInfo(d, "CNN: GEMM on %" PetscInt_FMT " OpenBLAS thread(s)\n", cnn->nthreads));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetUp_CNN(Denoiser d)
{
  Denoiser_CNN  *cnn = (Denoiser_CNN *)d->data;
  const PetscInt TX = (d->nx + 1) / 2, TY = (d->ny + 1) / 2, plane = (2 * TX + 2) * (2 * TY + 2), nq = (d->ny - 1) * (2 * TX + 2) + d->nx;
  const size_t   size = cnn->precision == PETSC_FLOAT ? sizeof(float) : sizeof(double);

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(CNNCitation, &CNNCite));
  if (!cnn->loaded) PetscCall(DenoiserCNNLoad_Private(d));
  PetscCall(DenoiserReset_CNN(d));
  PetscCall(DenoiserCNNSetThreads_Private(d));
  /* blocks of about CNN_BLOCK_BYTES of im2col rows (at least 64 positions), or of about CNN_WINOGRAD_TILES
     Winograd tiles (whole rows of tiles, at least one), at most the whole frame */
  cnn->nb  = PetscMin(nq, PetscMax(64, (PetscInt)(CNN_BLOCK_BYTES / (9 * cnn->C * size))));
  cnn->ntb = PetscMin(TX * TY, PetscMax(TX, CNN_WINOGRAD_TILES / TX * TX));
  PetscCheck((PetscInt64)cnn->C * plane * size <= PETSC_MAX_INT, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "CNN: %" PetscInt_FMT " channels of %" PetscInt_FMT " x %" PetscInt_FMT " frames exceed the addressable work space", cnn->C,
             d->ny, d->nx);
  PetscCall(PetscCalloc5(cnn->C * plane * size, (char **)&cnn->a0, cnn->C * plane * size, (char **)&cnn->a1, cnn->winograd ? 0 : 9 * cnn->C * cnn->nb * size, (char **)&cnn->col, cnn->winograd ? 16 * (cnn->C * cnn->ntb + CNN_WINOGRAD_PAD) * size : 0,
                         (char **)&cnn->V, cnn->winograd ? 16 * (cnn->C * cnn->ntb + CNN_WINOGRAD_PAD) * size : 0, (char **)&cnn->M));
  PetscFunctionReturn(0);
}

/* the network on one frame in the precision of real type T (float or double), layer by layer with Winograd or
   im2col, in zero-bordered planes of width pw */
#define CNN_APPLY(T, Suffix, W, U, B)                                                                                                                               \
  do {                                                                                                                                                              \
    T *x = (T *)cnn->a0, *y = (T *)cnn->a1, *t;                                                                                                                     \
                                                                                                                                                                    \
    for (PetscInt i = 0; i < ny; i++)                                                                                                                               \
      for (PetscInt j = 0; j < nx; j++) x[(i + 1) * pw + j + 1] = (T)in[i * nx + j];                                                                                \
    for (PetscInt l = 0; l < cnn->L; l++) {                                                                                                                         \
      const PetscBool relu = (PetscBool)(l < cnn->L - 1);                                                                                                           \
                                                                                                                                                                    \
      if (cnn->winograd) DenoiserCNNWinograd##Suffix(nx, ny, cnn->cin[l], cnn->cout[l], U[l], B[l], relu, x, y, (T *)cnn->V, (T *)cnn->M, cnn->ntb);                \
      else DenoiserCNNLayer##Suffix(nx, ny, cnn->cin[l], cnn->cout[l], W[l], B[l], relu, x, y, (T *)cnn->col, cnn->nb);                                             \
      t = x;                                                                                                                                                        \
      x = y;                                                                                                                                                        \
      y = t;                                                                                                                                                        \
    }                                                                                                                                                               \
    for (PetscInt i = 0; i < ny; i++)                                                                                                                               \
      for (PetscInt j = 0; j < nx; j++) out[i * nx + j] = cnn->residual ? in[i * nx + j] - (PetscReal)x[(i + 1) * pw + j + 1] : (PetscReal)x[(i + 1) * pw + j + 1]; \
  } while (0)

static PetscErrorCode DenoiserApplyFrame_CNN(Denoiser d, const PetscReal *in, PetscReal *out)
{
  Denoiser_CNN  *cnn = (Denoiser_CNN *)d->data;
  const PetscInt nx = d->nx, ny = d->ny, pw = 2 * ((nx + 1) / 2) + 2;
  PetscReal      flops = 0;

  PetscFunctionBegin;
  if (cnn->precision == PETSC_FLOAT) CNN_APPLY(float, Single, cnn->wf, cnn->uf, cnn->bf);
  else CNN_APPLY(double, Double, cnn->w, cnn->u, cnn->b);
  for (PetscInt l = 0; l < cnn->L; l++) flops += 18.0 * cnn->cin[l] * cnn->cout[l] * nx * ny;
  PetscCall(PetscLogFlops(flops));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNSetWeights_CNN(Denoiser d, const char file[])
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscStrncpy(cnn->file, file ? file : "", sizeof(cnn->file)));
  PetscCall(DenoiserCNNFreeWeights_Private(cnn));
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNSetPrecision_CNN(Denoiser d, PetscDataType precision)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCheck(precision == PETSC_FLOAT || precision == PETSC_DOUBLE, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "CNN precision must be PETSC_FLOAT or PETSC_DOUBLE, not %s", PetscDataTypes[precision]);
  if (precision != cnn->precision) d->setupcalled = PETSC_FALSE;
  cnn->precision = precision;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNSetWinograd_CNN(Denoiser d, PetscBool flg)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  if (flg != cnn->winograd) d->setupcalled = PETSC_FALSE;
  cnn->winograd = flg;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNSetThreads_CNN(Denoiser d, PetscInt threads)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCheck(threads == PETSC_DEFAULT || (threads >= 1 && threads <= 1024), PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "CNN thread count %" PetscInt_FMT " must be in 1..1024 (or PETSC_DEFAULT)", threads);
  cnn->threads   = threads == PETSC_DEFAULT ? 0 : threads;
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNGetWeights_CNN(Denoiser d, const char **file)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  *file = cnn->loaded ? cnn->path : cnn->file[0] ? cnn->file : NULL;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNGetLayers_CNN(Denoiser d, PetscInt *layers, PetscInt *channels)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCheck(cnn->loaded, PetscObjectComm((PetscObject)d), PETSC_ERR_ORDER, "Call DenoiserSetUp() before DenoiserCNNGetLayers()");
  if (layers) *layers = cnn->L;
  if (channels) *channels = cnn->C;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserCNNGetCheck_CNN(Denoiser d, PetscInt *n, PetscReal **input, PetscReal **output)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCheck(cnn->loaded, PetscObjectComm((PetscObject)d), PETSC_ERR_ORDER, "Call DenoiserSetUp() before DenoiserCNNGetCheck()");
  PetscCheck(cnn->checkn > 0, PetscObjectComm((PetscObject)d), PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s holds no /check data", cnn->path);
  *n      = cnn->checkn;
  *input  = cnn->checkin;
  *output = cnn->checkout;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetFromOptions_CNN(Denoiser d, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;
  char          file[PETSC_MAX_PATH_LEN];
  PetscBool     flg;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "CNN denoiser options");
  PetscCall(PetscOptionsString("-denoiser_cnn_weights", "HDF5 weight file", "DenoiserCNNSetWeights", cnn->file, file, sizeof(file), &flg));
  if (flg) PetscCall(DenoiserCNNSetWeights(d, file));
  {
    char    *dirs[CNN_MAX_DIRS];
    PetscInt n = CNN_MAX_DIRS;

    PetscCall(PetscOptionsStringArray("-denoiser_cnn_search", "Directories searched for " CNN_WEIGHTS " when no weight file is given", "DENOISERCNN", dirs, &n, &flg));
    if (flg) {
      for (PetscInt i = 0; i < cnn->ndirs; i++) PetscCall(PetscFree(cnn->dirs[i]));
      for (PetscInt i = 0; i < n; i++) cnn->dirs[i] = dirs[i];
      cnn->ndirs = n;
      PetscCall(DenoiserCNNFreeWeights_Private(cnn));
      d->setupcalled = PETSC_FALSE;
    }
  }
  {
    const char *const precs[] = {"single", "double"};
    PetscInt          prec    = cnn->precision == PETSC_FLOAT ? 0 : 1;

    PetscCall(PetscOptionsEList("-denoiser_cnn_precision", "Arithmetic of the inference", "DenoiserCNNSetPrecision", precs, 2, precs[prec], &prec, &flg));
    if (flg) PetscCall(DenoiserCNNSetPrecision(d, prec ? PETSC_DOUBLE : PETSC_FLOAT));
  }
  {
    PetscBool wino = cnn->winograd;

    PetscCall(PetscOptionsBool("-denoiser_cnn_winograd", "Winograd F(2x2,3x3) convolutions (else im2col + GEMM)", "DenoiserCNNSetWinograd", wino, &wino, &flg));
    if (flg) PetscCall(DenoiserCNNSetWinograd(d, wino));
  }
  {
    PetscInt threads = cnn->threads;

    PetscCall(TesseraOptionsIntInRange("-denoiser_cnn_threads", "OpenBLAS threads of the convolutions (0: OPENBLAS_NUM_THREADS or the cores per rank)", "DenoiserCNNSetThreads", threads, &threads, &flg, 0, 1024));
    if (flg) PetscCall(DenoiserCNNSetThreads(d, threads ? threads : PETSC_DEFAULT));
  }
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserView_CNN(Denoiser d, PetscViewer viewer)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  if (cnn->loaded) PetscCall(PetscViewerASCIIPrintf(viewer, "DnCNN-style network, weights %s\n", cnn->path));
  else if (cnn->file[0]) PetscCall(PetscViewerASCIIPrintf(viewer, "DnCNN-style network, weights %s (not loaded)\n", cnn->file));
  else {
    char        env[PETSC_MAX_PATH_LEN], lib[PETSC_MAX_PATH_LEN];
    const char *dirs[CNN_MAX_DIRS], *from[CNN_MAX_DIRS];
    PetscInt    n;

    PetscCall(DenoiserCNNSearchDirs_Private(d, env, lib, sizeof(env), &n, dirs, from));
    PetscCall(PetscViewerASCIIPrintf(viewer, "DnCNN-style network, weights %s (not loaded) looked up in:\n", CNN_WEIGHTS));
    for (PetscInt i = 0; i < n; i++) {
      if (dirs[i]) PetscCall(PetscViewerASCIIPrintf(viewer, "  %s (%s)\n", dirs[i], from[i]));
      else PetscCall(PetscViewerASCIIPrintf(viewer, "  $%s (not set)\n", from[i]));
    }
  }
  if (cnn->loaded) PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " 3x3 convolution layers, %" PetscInt_FMT " channels, %s\n", cnn->L, cnn->C, cnn->residual ? "residual D(x) = x - net(x)" : "direct D(x) = net(x)"));
  {
    char threads[128];

    if (d->setupcalled) PetscCall(PetscSNPrintf(threads, sizeof(threads), "%" PetscInt_FMT " OpenBLAS thread(s), blocks of %" PetscInt_FMT " %s", cnn->nthreads, cnn->winograd ? cnn->ntb : cnn->nb, cnn->winograd ? "tiles" : "positions"));
    else if (cnn->threads) PetscCall(PetscSNPrintf(threads, sizeof(threads), "%" PetscInt_FMT " OpenBLAS thread(s)", cnn->threads));
    else PetscCall(PetscSNPrintf(threads, sizeof(threads), "automatic OpenBLAS threads"));
    PetscCall(PetscViewerASCIIPrintf(viewer, "inference: %s in %s precision, %s\n", cnn->winograd ? "Winograd F(2x2,3x3) + GEMM" : "im2col + GEMM", cnn->precision == PETSC_FLOAT ? "single" : "double", threads));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserDestroy_CNN(Denoiser d)
{
  PetscFunctionBegin;
  PetscCall(DenoiserReset_CNN(d));
  PetscCall(DenoiserCNNFreeWeights_Private((Denoiser_CNN *)d->data));
  for (PetscInt i = 0; i < ((Denoiser_CNN *)d->data)->ndirs; i++) PetscCall(PetscFree(((Denoiser_CNN *)d->data)->dirs[i]));
  PetscCall(PetscFree(d->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetWeights_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetCheck_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetPrecision_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetThreads_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetWinograd_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetWeights_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetLayers_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  DENOISERCNN - "cnn": a learned DnCNN-style denoiser run in C, weights from an HDF5 file

  Options Database Keys:
+ -denoiser_cnn_weights <file>         - the weight file (default: dncnn.h5 looked up as below)
. -denoiser_cnn_search <dir1,dir2,...> - the directories to look dncnn.h5 up in, instead of the default ones
. -denoiser_cnn_precision <single>     - arithmetic of the inference, single or double
. -denoiser_cnn_winograd <true>        - Winograd F(2x2,3x3) convolutions, else im2col + GEMM
- -denoiser_cnn_threads <0>            - OpenBLAS threads (0: OPENBLAS_NUM_THREADS, else the cores per MPI rank on the node)

  Level: beginner

  Notes:
  The weights shipped with tessera were trained by operators/denoiser/train_dncnn.py on tessera's own phantoms
  (blind, noise levels 0.01-0.15 of a unit image range). Reference: K. Zhang et al., IEEE TIP 26 (2017) 3142.

  Unless a weight file is given, dncnn.h5 is taken from the first of these directories that holds it: the
  environment variable TESSERA_DATA_DIR, tessera's data directory (`TesseraGetDataDirectory()`: <prefix>/share/tessera
  when installed). Set up fails with an error listing the places tried when none has it.

  Each layer is computed by Winograd's F(2x2,3x3) (16 GEMMs per block of tiles, 4/9 of the multiplications of
  a direct convolution; Lavin and Gray, CVPR 2016) or, with -denoiser_cnn_winograd 0, as im2col (blocks of
  output positions) + one GEMM per block, with OpenBLAS, in single precision unless double is asked for. The thread count is a process-wide OpenBLAS setting: set up
  applies -denoiser_cnn_threads when given; otherwise, unless OPENBLAS_NUM_THREADS is set, it lowers OpenBLAS's
  count so that the MPI ranks sharing a node do not use more threads than the node has cores.

.seealso: `Denoiser`, `DenoiserCNNSetWeights()`, `DenoiserCNNSetPrecision()`, `DenoiserCNNSetThreads()`
M*/
PetscErrorCode DenoiserCreate_CNN(Denoiser d)
{
  Denoiser_CNN *cnn;

  PetscFunctionBegin;
  PetscCall(PetscNew(&cnn));
  cnn->precision         = PETSC_FLOAT;
  cnn->winograd          = PETSC_TRUE;
  d->data                = cnn;
  d->ops->setup          = DenoiserSetUp_CNN;
  d->ops->applyframe     = DenoiserApplyFrame_CNN;
  d->ops->setfromoptions = DenoiserSetFromOptions_CNN;
  d->ops->view           = DenoiserView_CNN;
  d->ops->reset          = DenoiserReset_CNN;
  d->ops->destroy        = DenoiserDestroy_CNN;
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetWeights_C", DenoiserCNNSetWeights_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetCheck_C", DenoiserCNNGetCheck_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetPrecision_C", DenoiserCNNSetPrecision_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetThreads_C", DenoiserCNNSetThreads_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetWinograd_C", DenoiserCNNSetWinograd_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetWeights_C", DenoiserCNNGetWeights_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetLayers_C", DenoiserCNNGetLayers_CNN));
  PetscFunctionReturn(0);
}
