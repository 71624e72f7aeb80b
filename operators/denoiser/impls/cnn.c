/*
   cnn.c - DENOISERCNN: inference of a DnCNN-style convolutional network in C, weights read from HDF5.

   Network: 3x3 convolution 1 -> C + ReLU, (L - 2) x (3x3 convolution C -> C + ReLU), 3x3 convolution C -> 1,
   zero padding 1, no batch normalisation (as the denoiser of RED-PSM). Residual mode: D(x) = x - net(x);
   otherwise D(x) = net(x). Convolutions are cross-correlations, out[o](i, j) = b[o] + sum_{c, a, b}
   W[o][c][a][b] in[c](i + a - 1, j + b - 1), as in PyTorch's Conv2d. Activations are kept in zero-bordered
   planes so the inner loops run without bounds checks.

   The weight file is written by operators/denoiser/train_dncnn.py (see the README): root attributes layers,
   channels, residual; datasets /cnn/w<k> (out x in x 3 x 3) and /cnn/b<k>; optionally /check/input and
   /check/output (a noisy frame and the training framework's output on it, to test this inference).
   Unless a file is given, dncnn.h5 is looked up in $TESSERA_DATA_DIR, the install directory
   (TESSERA_INSTALL_DATADIR, <prefix>/share/tessera) and the source tree (TESSERA_SOURCE_DATADIR), in order.

   Reference: K. Zhang, W. Zuo, Y. Chen, D. Meng, L. Zhang, Beyond a Gaussian denoiser: residual learning of
   deep CNN for image denoising, IEEE Trans. Image Process. 26 (2017) 3142, doi:10.1109/TIP.2017.2662206.
*/
#include "../denoiserimpl.h"
#include <tesseraio.h>

static const char CNNCitation[] = "@article{zhang2017dncnn,\n  author  = {K. Zhang and W. Zuo and Y. Chen and D. Meng and L. Zhang},\n  title   = {Beyond a {G}aussian denoiser: residual learning of deep {CNN} for image denoising},\n  journal = "
                                  "{IEEE Trans. Image Process.},\n  volume  = {26},\n  pages   = {3142--3155},\n  year    = {2017},\n  doi     = {10.1109/TIP.2017.2662206}\n}\n";
static PetscBool  CNNCite       = PETSC_FALSE;

#define CNN_WEIGHTS  "dncnn.h5"
#define CNN_MAX_DIRS 16

typedef struct {
  char        file[PETSC_MAX_PATH_LEN]; /* weight file given by the user; empty: look CNN_WEIGHTS up */
  char        path[PETSC_MAX_PATH_LEN]; /* the file loaded (or to load) */
  PetscInt    ndirs;                    /* directories of -denoiser_cnn_search (0: the default ones) */
  char       *dirs[CNN_MAX_DIRS];
  PetscBool   loaded;
  PetscInt    L, C;       /* convolution layers, hidden channels */
  PetscBool   residual;   /* D(x) = x - net(x) */
  PetscInt   *cin, *cout; /* channels of each layer [L] */
  PetscReal **w, **b;     /* weights [L][cout cin 9] and biases [L][cout] */
  PetscReal  *a0, *a1;    /* activations, C zero-bordered (ny + 2) x (nx + 2) planes each */
  PetscInt    checkn;     /* stored check frame (0: none) */
  PetscReal  *checkin, *checkout;
} Denoiser_CNN;

static PetscErrorCode DenoiserCNNFreeWeights_Private(Denoiser_CNN *cnn)
{
  PetscFunctionBegin;
  for (PetscInt l = 0; l < cnn->L; l++) {
    if (cnn->w) PetscCall(PetscFree(cnn->w[l]));
    if (cnn->b) PetscCall(PetscFree(cnn->b[l]));
  }
  PetscCall(PetscFree2(cnn->w, cnn->b));
  PetscCall(PetscFree2(cnn->cin, cnn->cout));
  PetscCall(PetscFree2(cnn->checkin, cnn->checkout));
  cnn->L      = 0;
  cnn->checkn = 0;
  cnn->loaded = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserReset_CNN(Denoiser d)
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscFree2(cnn->a0, cnn->a1));
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

/* the directories searched for CNN_WEIGHTS, in order, each with where it comes from; env holds the variable */
static PetscErrorCode DenoiserCNNSearchDirs_Private(Denoiser d, char env[], size_t len, PetscInt *n, const char *dirs[], const char *from[])
{
  Denoiser_CNN *cnn = (Denoiser_CNN *)d->data;
  PetscBool     set;

  PetscFunctionBegin;
  *n = 0;
  if (cnn->ndirs) {
    for (PetscInt i = 0; i < cnn->ndirs; i++, (*n)++) {
      dirs[*n] = cnn->dirs[i];
      from[*n] = "-denoiser_cnn_search";
    }
    PetscFunctionReturn(0);
  }
  PetscCall(PetscOptionsGetenv(PetscObjectComm((PetscObject)d), "TESSERA_DATA_DIR", env, len, &set));
  dirs[*n]     = set && env[0] ? env : NULL;
  from[(*n)++] = "TESSERA_DATA_DIR";
  dirs[*n]     = TESSERA_INSTALL_DATADIR;
  from[(*n)++] = "install directory";
  dirs[*n]     = TESSERA_SOURCE_DATADIR;
  from[(*n)++] = "source tree";
  PetscFunctionReturn(0);
}

/* sets cnn->path: the file given, else CNN_WEIGHTS in the first search directory that holds it (rank 0 looks) */
static PetscErrorCode DenoiserCNNFindWeights_Private(Denoiser d)
{
  Denoiser_CNN *cnn  = (Denoiser_CNN *)d->data;
  MPI_Comm      comm = PetscObjectComm((PetscObject)d);
  char          env[PETSC_MAX_PATH_LEN], tried[4096] = "";
  const char   *dirs[CNN_MAX_DIRS], *from[CNN_MAX_DIRS];
  PetscInt      n, found = -1;
  PetscMPIInt   rank;

  PetscFunctionBegin;
  if (cnn->file[0]) {
    PetscCall(PetscStrncpy(cnn->path, cnn->file, sizeof(cnn->path)));
    PetscFunctionReturn(0);
  }
  PetscCall(DenoiserCNNSearchDirs_Private(d, env, sizeof(env), &n, dirs, from));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  for (PetscInt i = 0; i < n && !rank && found < 0; i++) {
    char      cand[PETSC_MAX_PATH_LEN];
    PetscBool flg;

    if (!dirs[i]) continue;
    PetscCall(PetscSNPrintf(cand, sizeof(cand), "%s/%s", dirs[i], CNN_WEIGHTS));
    PetscCall(PetscTestFile(cand, 'r', &flg));
    if (flg) found = i;
  }
  PetscCallMPI(MPI_Bcast(&found, 1, MPIU_INT, 0, comm));
  if (found >= 0) {
    PetscCall(PetscSNPrintf(cnn->path, sizeof(cnn->path), "%s/%s", dirs[found], CNN_WEIGHTS));
    PetscFunctionReturn(0);
  }
  for (PetscInt i = 0; i < n; i++) {
    char line[PETSC_MAX_PATH_LEN + 64];

    if (dirs[i]) PetscCall(PetscSNPrintf(line, sizeof(line), "\n  %s/%s (%s)", dirs[i], CNN_WEIGHTS, from[i]));
    else PetscCall(PetscSNPrintf(line, sizeof(line), "\n  $%s/%s (not set)", from[i], CNN_WEIGHTS));
    PetscCall(PetscStrlcat(tried, line, sizeof(tried)));
  }
  SETERRQ(comm, PETSC_ERR_FILE_OPEN, "CNN denoiser: no weight file given (-denoiser_cnn_weights) and none found; tried:%s\nGive -denoiser_cnn_weights <file>, or set TESSERA_DATA_DIR to a directory holding %s", tried, CNN_WEIGHTS);
}

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
  if (L < 2 || C < 1) PetscCall(TesseraIOClose(&v));
  PetscCheck(L >= 2 && C >= 1, comm, PETSC_ERR_FILE_UNEXPECTED, "CNN weight file %s is malformed: %" PetscInt_FMT " layers of %" PetscInt_FMT " channels (need at least 2 layers and 1 channel)", cnn->path, L, C);
  cnn->C        = C;
  cnn->residual = (PetscBool)(res != 0);
  PetscCall(PetscCalloc2(L, &cnn->w, L, &cnn->b));
  PetscCall(PetscMalloc2(L, &cnn->cin, L, &cnn->cout));
  cnn->L = L;
  for (PetscInt l = 0; l < L; l++) {
    char wn[32], bn[32];

    cnn->cin[l]  = l == 0 ? 1 : C;
    cnn->cout[l] = l == L - 1 ? 1 : C;
    PetscCall(PetscSNPrintf(wn, sizeof(wn), "w%" PetscInt_FMT, l));
    PetscCall(PetscSNPrintf(bn, sizeof(bn), "b%" PetscInt_FMT, l));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/cnn", wn, cnn->cout[l] * cnn->cin[l] * 9, &cnn->w[l]));
    PetscCall(DenoiserCNNReadArray_Private(v, cnn->path, "/cnn", bn, cnn->cout[l], &cnn->b[l]));
  }
  PetscCall(TesseraIOHasDataset(v, "/check", "input", &has));
  if (has) {
    PetscCall(TesseraIOReadAttribute(v, "/check", "n", PETSC_INT, &cnn->checkn));
    PetscCall(PetscFree2(cnn->checkin, cnn->checkout));
    PetscCall(PetscMalloc2(cnn->checkn * cnn->checkn, &cnn->checkin, cnn->checkn * cnn->checkn, &cnn->checkout));
    PetscCall(TesseraIOReadArray(v, "/check", "input", cnn->checkn * cnn->checkn, cnn->checkin));
    PetscCall(TesseraIOReadArray(v, "/check", "output", cnn->checkn * cnn->checkn, cnn->checkout));
  }
  PetscCall(TesseraIOClose(&v));
  cnn->loaded = PETSC_TRUE;
  PetscCall(PetscInfo(d, "CNN: %" PetscInt_FMT " layers, %" PetscInt_FMT " channels from %s\n", L, C, cnn->path));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetUp_CNN(Denoiser d)
{
  Denoiser_CNN  *cnn   = (Denoiser_CNN *)d->data;
  const PetscInt plane = (d->nx + 2) * (d->ny + 2);

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(CNNCitation, &CNNCite));
  if (!cnn->loaded) PetscCall(DenoiserCNNLoad_Private(d));
  PetscCall(DenoiserReset_CNN(d));
  PetscCall(PetscCalloc2(cnn->C * plane, &cnn->a0, cnn->C * plane, &cnn->a1));
  PetscFunctionReturn(0);
}

/* out planes (interior only) = conv(in planes) + bias, optional ReLU; borders of out stay zero */
static void DenoiserCNNConv_Private(PetscInt nx, PetscInt ny, PetscInt cin, PetscInt cout, const PetscReal *W, const PetscReal *B, PetscBool relu, const PetscReal *in, PetscReal *out)
{
  const PetscInt pw = nx + 2, plane = pw * (ny + 2);

  for (PetscInt o = 0; o < cout; o++) {
    PetscReal *op = out + o * plane;

    for (PetscInt i = 0; i < ny; i++)
      for (PetscInt j = 0; j < nx; j++) op[(i + 1) * pw + j + 1] = B[o];
    for (PetscInt c = 0; c < cin; c++) {
      const PetscReal *ip = in + c * plane, *w = W + (o * cin + c) * 9;
      const PetscReal  w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8];

      /* all nine taps per output pixel: one load and store of the output for nine multiply-adds */
      for (PetscInt i = 0; i < ny; i++) {
        const PetscReal *restrict r0 = ip + i * pw, *restrict r1 = r0 + pw, *restrict r2 = r1 + pw;
        PetscReal *restrict dst = op + (i + 1) * pw + 1;

        for (PetscInt j = 0; j < nx; j++) dst[j] += w0 * r0[j] + w1 * r0[j + 1] + w2 * r0[j + 2] + w3 * r1[j] + w4 * r1[j + 1] + w5 * r1[j + 2] + w6 * r2[j] + w7 * r2[j + 1] + w8 * r2[j + 2];
      }
    }
    if (relu)
      for (PetscInt i = 0; i < ny; i++)
        for (PetscInt j = 0; j < nx; j++) op[(i + 1) * pw + j + 1] = PetscMax(op[(i + 1) * pw + j + 1], 0.0);
  }
}

static PetscErrorCode DenoiserApplyFrame_CNN(Denoiser d, const PetscReal *in, PetscReal *out)
{
  Denoiser_CNN  *cnn = (Denoiser_CNN *)d->data;
  const PetscInt nx = d->nx, ny = d->ny, pw = nx + 2;
  PetscReal     *x = cnn->a0, *y = cnn->a1, flops = 0;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < ny; i++)
    for (PetscInt j = 0; j < nx; j++) x[(i + 1) * pw + j + 1] = in[i * nx + j];
  for (PetscInt l = 0; l < cnn->L; l++) {
    PetscReal *t;

    DenoiserCNNConv_Private(nx, ny, cnn->cin[l], cnn->cout[l], cnn->w[l], cnn->b[l], (PetscBool)(l < cnn->L - 1), x, y);
    flops += 18.0 * cnn->cin[l] * cnn->cout[l] * nx * ny;
    t = x;
    x = y;
    y = t;
  }
  for (PetscInt i = 0; i < ny; i++)
    for (PetscInt j = 0; j < nx; j++) out[i * nx + j] = cnn->residual ? in[i * nx + j] - x[(i + 1) * pw + j + 1] : x[(i + 1) * pw + j + 1];
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
    char        env[PETSC_MAX_PATH_LEN];
    const char *dirs[CNN_MAX_DIRS], *from[CNN_MAX_DIRS];
    PetscInt    n;

    PetscCall(DenoiserCNNSearchDirs_Private(d, env, sizeof(env), &n, dirs, from));
    PetscCall(PetscViewerASCIIPrintf(viewer, "DnCNN-style network, weights %s (not loaded) looked up in:\n", CNN_WEIGHTS));
    for (PetscInt i = 0; i < n; i++) {
      if (dirs[i]) PetscCall(PetscViewerASCIIPrintf(viewer, "  %s (%s)\n", dirs[i], from[i]));
      else PetscCall(PetscViewerASCIIPrintf(viewer, "  $%s (not set)\n", from[i]));
    }
  }
  if (cnn->loaded) PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " 3x3 convolution layers, %" PetscInt_FMT " channels, %s\n", cnn->L, cnn->C, cnn->residual ? "residual D(x) = x - net(x)" : "direct D(x) = net(x)"));
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
  PetscFunctionReturn(0);
}

/*MC
  DENOISERCNN - "cnn": a learned DnCNN-style denoiser run in C, weights from an HDF5 file

  Options Database Keys:
+ -denoiser_cnn_weights <file>         - the weight file (default: dncnn.h5 looked up as below)
- -denoiser_cnn_search <dir1,dir2,...> - the directories to look dncnn.h5 up in, instead of the default ones

  Level: beginner

  Notes:
  The weights shipped with tessera were trained by operators/denoiser/train_dncnn.py on tessera's own phantoms
  (blind, noise levels 0.01-0.15 of a unit image range). Reference: K. Zhang et al., IEEE TIP 26 (2017) 3142.

  Unless a weight file is given, dncnn.h5 is taken from the first of these directories that holds it: the
  environment variable TESSERA_DATA_DIR, the install directory <prefix>/share/tessera, the source tree
  (operators/denoiser/weights). Set up fails with an error listing the places tried when none has it.

.seealso: `Denoiser`, `DenoiserCNNSetWeights()`
M*/
PetscErrorCode DenoiserCreate_CNN(Denoiser d)
{
  Denoiser_CNN *cnn;

  PetscFunctionBegin;
  PetscCall(PetscNew(&cnn));
  d->data                = cnn;
  d->ops->setup          = DenoiserSetUp_CNN;
  d->ops->applyframe     = DenoiserApplyFrame_CNN;
  d->ops->setfromoptions = DenoiserSetFromOptions_CNN;
  d->ops->view           = DenoiserView_CNN;
  d->ops->reset          = DenoiserReset_CNN;
  d->ops->destroy        = DenoiserDestroy_CNN;
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNSetWeights_C", DenoiserCNNSetWeights_CNN));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserCNNGetCheck_C", DenoiserCNNGetCheck_CNN));
  PetscFunctionReturn(0);
}
