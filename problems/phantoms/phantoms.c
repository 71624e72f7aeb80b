/*I "tessera.h" I*/
/*
   phantoms.c - dynamic phantoms on the square [-1, 1]^2, frames at times t_p = p/T, p = 0..T-1.

   "static"   modified Shepp-Logan phantom (P. Toft, The Radon Transform, PhD thesis, DTU 1996), ten ellipses;
   "ellipses" the same with three time-varying ellipses: the right ventricle-like ellipse pulsates,
              r(t) = r0 (1 + a sin 2 pi t), the top ellipse moves up and down, a small one changes density;
   "warped"   the static phantom deformed by a piecewise-affine warp: a 5 x 5 grid of control points over the
              square, interior points displaced by a (sin(2 pi t + u_k), cos(2 pi t + v_k)) with seeded
              phases; each output pixel is mapped back through the affine map of its triangle and the static
              image sampled bilinearly (scikit-image's warp with PiecewiseAffineTransform, as in RED-PSM's
              walnut runs);
   "lowrank"  f(x, t) = sum_{k<K} Lambda_k(x) psi_k(t): Gaussian blobs at seeded positions times
              psi_k(t) = cos(pi k t) — exactly rank K as a pixels x frames (Casorati) matrix.

   Ellipse projections are closed form: an ellipse of density rho, semi-axes a, b, rotation phi, centre c
   has, at angle theta and detector coordinate s, the chord integral
     P(s) = 2 rho a b sqrt(A^2 - s'^2) / A^2 for |s'| <= A,  A^2 = a^2 cos^2(theta - phi) + b^2 sin^2(theta - phi),
   with s' = s - c . (cos theta, sin theta) (Kak and Slaney, ch. 3, eq. (16)).

   References: L. A. Shepp and B. F. Logan, IEEE Trans. Nucl. Sci. 21 (1974) 21, doi:10.1109/TNS.1974.6499235;
   B. Iskender, M. L. Klasky, Y. Bresler, RED-PSM, ICCV 2023, arXiv:2304.03483 (the dynamic test protocol).
*/
#include <tesseraimpl.h>
#include <tesseraphantoms.h>
#include <tesseraradon.h>

#include <tesseraproblem.h>

static TesseraPackage PhantomPackage = {.name = "phantom", .problemset = "phantom"};

typedef struct {
  PetscReal rho, a, b, x0, y0, phi;
} Ellipse;

/* modified Shepp-Logan (Toft): density, semi-axes, centre, rotation in degrees */
static const Ellipse SheppLogan[10] = {{1.0, 0.69, 0.92, 0.0, 0.0, 0.0},   {-0.8, 0.6624, 0.874, 0.0, -0.0184, 0.0}, {-0.2, 0.11, 0.31, 0.22, 0.0, -18.0},    {-0.2, 0.16, 0.41, -0.22, 0.0, 18.0},  {0.1, 0.21, 0.25, 0.0, 0.35, 0.0},
                                       {0.1, 0.046, 0.046, 0.0, 0.1, 0.0}, {0.1, 0.046, 0.046, 0.0, -0.1, 0.0},      {0.1, 0.046, 0.023, -0.08, -0.605, 0.0}, {0.1, 0.023, 0.023, 0.0, -0.606, 0.0}, {0.1, 0.023, 0.046, 0.06, -0.605, 0.0}};

/* the ten ellipses at time t; dynamic = PETSC_FALSE gives the static phantom */
static void PhantomEllipsesAt_Private(PetscBool dynamic, PetscReal amp, PetscReal t, Ellipse e[10])
{
  const PetscReal w = PetscSinReal(2 * PETSC_PI * t);

  for (PetscInt k = 0; k < 10; k++) {
    e[k]     = SheppLogan[k];
    e[k].phi = SheppLogan[k].phi * PETSC_PI / 180.0;
  }
  if (!dynamic) return;
  e[2].a *= 1 + amp * w; /* pulsating */
  e[2].b *= 1 + amp * w;
  e[4].y0 += 0.25 * amp * w;                                  /* moving */
  e[5].rho *= 1 + 2.5 * amp * PetscCosReal(2 * PETSC_PI * t); /* changing density */
}

static PetscReal PhantomEllipsesValue_Private(const Ellipse e[10], PetscReal x, PetscReal y)
{
  PetscReal v = 0;

  for (PetscInt k = 0; k < 10; k++) {
    const PetscReal c = PetscCosReal(e[k].phi), s = PetscSinReal(e[k].phi), dx = x - e[k].x0, dy = y - e[k].y0;
    const PetscReal u = (dx * c + dy * s) / e[k].a, w = (-dx * s + dy * c) / e[k].b;

    if (u * u + w * w <= 1.0) v += e[k].rho;
  }
  return v;
}

/* rasterise: s x s sub-pixel average of the point values, pixel size h = 2/N */
static void PhantomRasterEllipses_Private(const Ellipse e[10], PetscInt N, PetscInt ss, PetscScalar *img)
{
  const PetscReal h = 2.0 / N;

  for (PetscInt i = 0; i < N; i++) {
    for (PetscInt j = 0; j < N; j++) {
      PetscReal v = 0;

      for (PetscInt a = 0; a < ss; a++) {
        for (PetscInt b = 0; b < ss; b++) {
          const PetscReal x = (j - 0.5 * (N - 1) + (b + 0.5) / ss - 0.5) * h, y = (0.5 * (N - 1) - i - (a + 0.5) / ss + 0.5) * h;

          v += PhantomEllipsesValue_Private(e, x, y);
        }
      }
      img[i * N + j] = v / (ss * ss);
    }
  }
}

static PetscErrorCode PhantomStatic_Private(const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt t0, PetscInt t1, PetscScalar *f)
{
  Ellipse e[10];

  PetscFunctionBegin;
  PhantomEllipsesAt_Private(PETSC_FALSE, 0, 0, e);
  for (PetscInt t = t0; t < t1; t++) PhantomRasterEllipses_Private(e, N, o->supersample, f + (t - t0) * N * N);
  PetscFunctionReturn(0);
}

static PetscErrorCode PhantomEllipses_Private(const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt t0, PetscInt t1, PetscScalar *f)
{
  Ellipse e[10];

  PetscFunctionBegin;
  for (PetscInt t = t0; t < t1; t++) {
    PhantomEllipsesAt_Private(PETSC_TRUE, o->amplitude, (PetscReal)t / T, e);
    PhantomRasterEllipses_Private(e, N, o->supersample, f + (t - t0) * N * N);
  }
  PetscFunctionReturn(0);
}

/* bilinear sample of img at fractional pixel position (row r, column c), zero outside */
static PetscReal PhantomBilinear_Private(const PetscScalar *img, PetscInt N, PetscReal r, PetscReal c)
{
  const PetscInt  i = (PetscInt)PetscFloorReal(r), j = (PetscInt)PetscFloorReal(c);
  const PetscReal wr = r - i, wc = c - j;
  PetscReal       v = 0;

  for (PetscInt a = 0; a < 2; a++) {
    for (PetscInt b = 0; b < 2; b++) {
      const PetscInt ii = i + a, jj = j + b;

      if (ii >= 0 && ii < N && jj >= 0 && jj < N) v += (a ? wr : 1 - wr) * (b ? wc : 1 - wc) * PetscRealPart(img[ii * N + jj]);
    }
  }
  return v;
}

#define WARP_G 4 /* control grid cells per side */

static PetscErrorCode PhantomWarped_Private(const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt t0, PetscInt t1, PetscScalar *f)
{
  const PetscInt nv = (WARP_G + 1) * (WARP_G + 1);
  PetscScalar   *base;
  PetscReal      src[2 * (WARP_G + 1) * (WARP_G + 1)], dst[2 * (WARP_G + 1) * (WARP_G + 1)], phase[2 * (WARP_G + 1) * (WARP_G + 1)];
  PetscRandom    rnd;
  Ellipse        e[10];

  PetscFunctionBegin;
  PetscCall(PetscMalloc1(N * N, &base));
  PhantomEllipsesAt_Private(PETSC_FALSE, 0, 0, e);
  PhantomRasterEllipses_Private(e, N, o->supersample, base);
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)o->seed + 101));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt k = 0; k < 2 * nv; k++) {
    PetscScalar v;

    PetscCall(PetscRandomGetValue(rnd, &v));
    phase[k] = 2 * PETSC_PI * PetscRealPart(v);
  }
  PetscCall(PetscRandomDestroy(&rnd));
  for (PetscInt a = 0; a <= WARP_G; a++) {
    for (PetscInt b = 0; b <= WARP_G; b++) {
      src[2 * (a * (WARP_G + 1) + b)]     = -1.0 + 2.0 * b / WARP_G;
      src[2 * (a * (WARP_G + 1) + b) + 1] = -1.0 + 2.0 * a / WARP_G;
    }
  }
  for (PetscInt t = t0; t < t1; t++) {
    const PetscReal tt  = (PetscReal)t / T;
    PetscScalar    *img = f + (t - t0) * N * N;

    for (PetscInt k = 0; k < nv; k++) {
      const PetscInt  a = k / (WARP_G + 1), b = k % (WARP_G + 1);
      const PetscBool inner = (PetscBool)(a > 0 && a < WARP_G && b > 0 && b < WARP_G);

      dst[2 * k]     = src[2 * k] + (inner ? o->amplitude * PetscSinReal(2 * PETSC_PI * tt + phase[2 * k]) : 0);
      dst[2 * k + 1] = src[2 * k + 1] + (inner ? o->amplitude * PetscCosReal(2 * PETSC_PI * tt + phase[2 * k + 1]) : 0);
    }
    for (PetscInt i = 0; i < N; i++) {
      for (PetscInt j = 0; j < N; j++) {
        const PetscReal x = (j - 0.5 * (N - 1)) * 2.0 / N, y = (0.5 * (N - 1) - i) * 2.0 / N;
        PetscReal       sx = x, sy = y, v = 0;
        PetscBool       found = PETSC_FALSE;

        /* find the displaced triangle holding (x, y); map back with its barycentric coordinates */
        for (PetscInt c = 0; c < WARP_G * WARP_G && !found; c++) {
          const PetscInt a = c / WARP_G, b = c % WARP_G, v00 = a * (WARP_G + 1) + b, v01 = v00 + 1, v10 = v00 + WARP_G + 1, v11 = v10 + 1;
          const PetscInt tri[2][3] = {{v00, v01, v11}, {v00, v11, v10}};

          for (PetscInt q = 0; q < 2 && !found; q++) {
            const PetscReal *p0 = dst + 2 * tri[q][0], *p1 = dst + 2 * tri[q][1], *p2 = dst + 2 * tri[q][2];
            const PetscReal  det = (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1]);
            const PetscReal  l1  = ((x - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (y - p0[1])) / det;
            const PetscReal  l2 = ((p1[0] - p0[0]) * (y - p0[1]) - (x - p0[0]) * (p1[1] - p0[1])) / det, l0 = 1 - l1 - l2;

            if (l0 >= -1e-12 && l1 >= -1e-12 && l2 >= -1e-12) {
              found = PETSC_TRUE;
              sx    = l0 * src[2 * tri[q][0]] + l1 * src[2 * tri[q][1]] + l2 * src[2 * tri[q][2]];
              sy    = l0 * src[2 * tri[q][0] + 1] + l1 * src[2 * tri[q][1] + 1] + l2 * src[2 * tri[q][2] + 1];
            }
          }
        }
        if (found) v = PhantomBilinear_Private(base, N, 0.5 * (N - 1) - sy * N / 2.0, sx * N / 2.0 + 0.5 * (N - 1));
        img[i * N + j] = v;
      }
    }
  }
  PetscCall(PetscFree(base));
  PetscFunctionReturn(0);
}

static PetscErrorCode PhantomLowRank_Private(const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt t0, PetscInt t1, PetscScalar *f)
{
  const PetscInt K = o->rank;
  PetscReal     *blob;
  PetscRandom    rnd;

  PetscFunctionBegin;
  PetscCheck(K <= T, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Phantom lowrank: rank %" PetscInt_FMT " (-phantom_rank) needs at least as many frames, got %" PetscInt_FMT " (its time functions cos(pi k t) are independent only for k < T)", K, T);
  PetscCall(PetscMalloc1(3 * K, &blob));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)o->seed + 202));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt k = 0; k < 3 * K; k++) {
    PetscScalar v;

    PetscCall(PetscRandomGetValue(rnd, &v));
    blob[k] = PetscRealPart(v);
  }
  PetscCall(PetscRandomDestroy(&rnd));
  for (PetscInt t = t0; t < t1; t++) {
    const PetscReal tt  = (PetscReal)t / T;
    PetscScalar    *img = f + (t - t0) * N * N;

    for (PetscInt i = 0; i < N; i++) {
      for (PetscInt j = 0; j < N; j++) {
        const PetscReal x = (j - 0.5 * (N - 1)) * 2.0 / N, y = (0.5 * (N - 1) - i) * 2.0 / N;
        PetscReal       v = 0;

        for (PetscInt k = 0; k < K; k++) {
          const PetscReal cx = blob[3 * k] - 0.5, cy = blob[3 * k + 1] - 0.5, w = 0.1 + 0.2 * blob[3 * k + 2];

          v += PetscExpReal(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * w * w)) * PetscCosReal(PETSC_PI * k * tt);
        }
        img[i * N + j] = v;
      }
    }
  }
  PetscCall(PetscFree(blob));
  PetscFunctionReturn(0);
}

/*@C
  PhantomInitializePackage - Registers the phantom generators and their log events; called by the package's own creation routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode PhantomInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {
      {"static", (PetscVoidFunction)PhantomStatic_Private}, {"ellipses", (PetscVoidFunction)PhantomEllipses_Private}, {"warped", (PetscVoidFunction)PhantomWarped_Private}, {"lowrank", (PetscVoidFunction)PhantomLowRank_Private}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&PhantomPackage, entries, NULL, NULL));
  PetscFunctionReturn(0);
}

/*@C
  PhantomRegister - Adds a phantom generator, selectable by name in `PhantomGenerate()`

  Not Collective

  Input Parameters:
+ name - the phantom name
- fn   - the generator

  Level: advanced

.seealso: `PhantomGenerate()`
@*/
PetscErrorCode PhantomRegister(const char name[], PhantomFn *fn)
{
  PetscFunctionBegin;
  PetscValidCharPointer(name, 1);
  PetscValidFunction(fn, 2);
  PetscCall(PhantomInitializePackage());
  PetscCall(PetscFunctionListAdd(&PhantomPackage.list, name, fn));
  PetscFunctionReturn(0);
}

/*@C
  PhantomOptionsSetFromOptions - Sets the defaults of `PhantomOptions` and reads them from the options database

  Collective

  Input Parameter:
. comm - the communicator

  Output Parameter:
. o - the options

  Options Database Keys:
+ -phantom_supersample <1>   - sub-pixels per side when rasterising ellipses, 1..64
. -phantom_rank <3>          - components of the "lowrank" object, 1..1024 (at most the number of frames)
. -phantom_amplitude <0.15>  - motion amplitude ("ellipses": relative pulsation; "warped": displacement on [-1,1]^2), in [0, 0.25): larger warps fold the mesh
- -phantom_seed <0>          - seed of the random parts, nonnegative

  Level: beginner

.seealso: `PhantomGenerate()`
@*/
PetscErrorCode PhantomOptionsSetFromOptions(MPI_Comm comm, PhantomOptions *o)
{
  PetscFunctionBegin;
  TesseraValidPointer(o, 2);
  o->supersample = 1;
  o->rank        = 3;
  o->amplitude   = 0.15;
  o->seed        = 0;
  PetscOptionsBegin(comm, NULL, "Phantom options", "Phantom");
  PetscCall(TesseraOptionsIntInRange("-phantom_supersample", "Sub-pixels per side when rasterising ellipses", "PhantomGenerate", o->supersample, &o->supersample, NULL, 1, 64));
  PetscCall(TesseraOptionsIntInRange("-phantom_rank", "Components of the lowrank object", "PhantomGenerate", o->rank, &o->rank, NULL, 1, 1024));
  PetscCall(TesseraOptionsRealInRange("-phantom_amplitude", "Motion amplitude", "PhantomGenerate", o->amplitude, &o->amplitude, NULL, 0.0, 0.2499));
  PetscCall(TesseraOptionsIntInRange("-phantom_seed", "Seed of the random parts", "PhantomGenerate", o->seed, &o->seed, NULL, 0, PETSC_MAX_INT));
  PetscOptionsEnd();
  PetscFunctionReturn(0);
}

/*@C
  PhantomGetFrameLayout - Checks that a Vec holds T frames of N x N pixels split over the ranks by whole frames

  Collective

  Input Parameters:
+ f - the vector
. N - image side
- T - number of frames

  Output Parameters:
+ t0 - first frame owned by this rank
- t1 - one past the last

  Level: developer

.seealso: `PhantomGenerate()`
@*/
PetscErrorCode PhantomGetFrameLayout(Vec f, PetscInt N, PetscInt T, PetscInt *t0, PetscInt *t1)
{
  PetscInt n, lo, hi;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(f, VEC_CLASSID, 1);
  PetscCall(VecGetSize(f, &n));
  PetscCheck(N > 0 && T > 0, PetscObjectComm((PetscObject)f), PETSC_ERR_ARG_OUTOFRANGE, "Image size %" PetscInt_FMT " and frame count %" PetscInt_FMT " must be positive", N, T);
  PetscCheck(n == N * N * T, PetscObjectComm((PetscObject)f), PETSC_ERR_ARG_SIZ, "Image size mismatch: vector of length %" PetscInt_FMT " cannot hold %" PetscInt_FMT " frames of %" PetscInt_FMT " x %" PetscInt_FMT " pixels", n, T, N, N);
  PetscCall(VecGetOwnershipRange(f, &lo, &hi));
  PetscCheck(lo % (N * N) == 0 && hi % (N * N) == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Image size mismatch: the vector is not split over the ranks by whole %" PetscInt_FMT " x %" PetscInt_FMT " frames", N, N);
  if (t0) *t0 = lo / (N * N);
  if (t1) *t1 = hi / (N * N);
  PetscFunctionReturn(0);
}

/*@C
  PhantomGenerate - Fills a vector with a dynamic phantom

  Collective

  Input Parameters:
+ name - "static", "ellipses", "warped", "lowrank" or a name given to `PhantomRegister()`; "list" prints them
. o    - the phantom options
. N    - image side
- T    - number of frames

  Output Parameter:
. f - the frames, N x N each, row major, split over the ranks by whole frames (as `MatCreateRadon()` does)

  Level: beginner

.seealso: `PhantomProject()`, `PhantomOptionsSetFromOptions()`, `MatCreateRadon()`
@*/
PetscErrorCode PhantomGenerate(const char name[], const PhantomOptions *o, PetscInt N, PetscInt T, Vec f)
{
  PhantomFn   *fn;
  PetscInt     t0, t1;
  PetscScalar *a;
  PetscBool    list;
  MPI_Comm     comm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(f, VEC_CLASSID, 5);
  PetscValidCharPointer(name, 1);
  TesseraValidPointer(o, 2);
  PetscCall(PhantomInitializePackage());
  comm = PetscObjectComm((PetscObject)f);
  PetscCall(PetscStrcmp(name, "list", &list));
  if (list) {
    PetscCall(TesseraProblemListView("phantom", PETSC_VIEWER_STDOUT_(comm)));
    PetscFunctionReturn(0);
  }
  PetscCall(TesseraProblemFind(comm, "phantom", name, (void (**)(void)) & fn));
  PetscCall(PhantomGetFrameLayout(f, N, T, &t0, &t1));
  PetscCall(VecGetArrayWrite(f, &a));
  PetscCall((*fn)(o, N, T, t0, t1, a));
  PetscCall(VecRestoreArrayWrite(f, &a));
  PetscFunctionReturn(0);
}

/*@C
  PhantomProject - Closed-form sinogram of an ellipse phantom ("static" or "ellipses"), in the units and
  layout of a Radon transform

  Collective

  Input Parameters:
+ name  - "static" or "ellipses"
. o     - the phantom options
- radon - the Radon transform from `MatCreateRadon()`

  Output Parameter:
. g - the exact line integrals, in pixel units (the phantom lives on [-1,1]^2, pixel size 2/N), at the
      detector bin centres; compare with `MatMult()` of the rasterised phantom

  Level: intermediate

.seealso: `PhantomGenerate()`, `MatCreateRadon()`
@*/
PetscErrorCode PhantomProject(const char name[], const PhantomOptions *o, Mat radon, Vec g)
{
  PetscBool        stat, dyn;
  PetscInt         N, T, nd, p0, p1;
  PetscReal        ds, h;
  const PetscReal *theta;
  const PetscInt  *frame;
  PetscScalar     *ga;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(radon, MAT_CLASSID, 3);
  PetscValidHeaderSpecific(g, VEC_CLASSID, 4);
  PetscValidCharPointer(name, 1);
  TesseraValidPointer(o, 2);
  PetscCall(PetscStrcmp(name, "static", &stat));
  PetscCall(PetscStrcmp(name, "ellipses", &dyn));
  PetscCheck(stat || dyn, PetscObjectComm((PetscObject)g), PETSC_ERR_SUP, "Phantom '%s' has no closed-form projection; use 'static' or 'ellipses'", name);
  PetscCall(MatRadonGetGeometry(radon, &N, &T, &nd, &ds));
  PetscCall(MatRadonGetAngles(radon, NULL, &theta, &frame));
  PetscCall(MatRadonGetLocalProjections(radon, &p0, &p1));
  h = 2.0 / N;
  PetscCall(VecGetArrayWrite(g, &ga));
  for (PetscInt p = p0; p < p1; p++) {
    Ellipse         e[10];
    const PetscReal c = PetscCosReal(theta[p]), s = PetscSinReal(theta[p]);

    PhantomEllipsesAt_Private(dyn, o->amplitude, (PetscReal)frame[p] / T, e);
    for (PetscInt k = 0; k < nd; k++) {
      const PetscReal sk = (k - 0.5 * (nd - 1)) * ds * h;
      PetscReal       v  = 0;

      for (PetscInt q = 0; q < 10; q++) {
        const PetscReal al = theta[p] - e[q].phi, A2 = e[q].a * e[q].a * PetscCosReal(al) * PetscCosReal(al) + e[q].b * e[q].b * PetscSinReal(al) * PetscSinReal(al);
        const PetscReal sp = sk - (e[q].x0 * c + e[q].y0 * s);

        if (sp * sp < A2) v += 2 * e[q].rho * e[q].a * e[q].b * PetscSqrtReal(A2 - sp * sp) / A2;
      }
      ga[(p - p0) * nd + k] = v / h;
    }
  }
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscFunctionReturn(0);
}

/*@C
  PhantomAnglesBitReversed - Bit-reversed angle schedule over [0, pi): theta_p = (pi/P) bitrev(p)

  Not Collective

  Input Parameter:
. P - number of angles, a power of two

  Output Parameter:
. angles - the angles [P]; for P = 8 the order is 0,4,2,6,1,5,3,7 times pi/8

  Level: beginner

.seealso: `PhantomAnglesGolden()`, `PhantomAnglesLinear()`
@*/
PetscErrorCode PhantomAnglesBitReversed(PetscInt P, PetscReal angles[])
{
  PetscInt bits = 0;

  PetscFunctionBegin;
  PetscCheck(P > 0 && (P & (P - 1)) == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Bit-reversed schedule needs a power of two angles, got %" PetscInt_FMT, P);
  PetscValidRealPointer(angles, 2);
  while (((PetscInt)1 << bits) < P) bits++;
  for (PetscInt p = 0; p < P; p++) {
    PetscInt r = 0;

    for (PetscInt b = 0; b < bits; b++)
      if (p & ((PetscInt)1 << b)) r |= (PetscInt)1 << (bits - 1 - b);
    angles[p] = PETSC_PI * r / P;
  }
  PetscFunctionReturn(0);
}

/*@C
  PhantomAnglesGolden - Golden-angle schedule over [0, pi): theta_p = p pi (sqrt(5) - 1)/2 mod pi (111.246 degrees)

  Not Collective

  Input Parameter:
. P - number of angles

  Output Parameter:
. angles - the angles [P]

  Level: beginner

  Notes:
  Reference: S. Winkelmann et al., IEEE Trans. Med. Imaging 26 (2007) 68, doi:10.1109/TMI.2006.885337.

.seealso: `PhantomAnglesBitReversed()`
@*/
PetscErrorCode PhantomAnglesGolden(PetscInt P, PetscReal angles[])
{
  const PetscReal g = 0.5 * (PetscSqrtReal(5.0) - 1.0);

  PetscFunctionBegin;
  PetscCheck(P > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Angle count %" PetscInt_FMT " must be positive", P);
  PetscValidRealPointer(angles, 2);
  for (PetscInt p = 0; p < P; p++) {
    const PetscReal x = p * g;

    angles[p] = PETSC_PI * (x - PetscFloorReal(x));
  }
  PetscFunctionReturn(0);
}

/*@C
  PhantomAnglesLinear - Evenly spaced angles over [0, pi): theta_p = p pi / P

  Not Collective

  Input Parameter:
. P - number of angles

  Output Parameter:
. angles - the angles [P]

  Level: beginner

.seealso: `PhantomAnglesBitReversed()`
@*/
PetscErrorCode PhantomAnglesLinear(PetscInt P, PetscReal angles[])
{
  PetscFunctionBegin;
  PetscCheck(P > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Angle count %" PetscInt_FMT " must be positive", P);
  PetscValidRealPointer(angles, 2);
  for (PetscInt p = 0; p < P; p++) angles[p] = PETSC_PI * p / P;
  PetscFunctionReturn(0);
}

/*@C
  PhantomAddNoise - Adds white Gaussian noise of standard deviation sigma = rel max(g) to g, reproducibly

  Collective

  Input Parameters:
+ g    - the data (e.g. a sinogram)
. rel  - sigma relative to the maximum of g (RED-PSM uses 5e-3)
- seed - the seed; the same seed gives the same noise on any number of ranks

  Output Parameter:
. sigma - the standard deviation used (may be NULL)

  Level: beginner

  Notes:
  Normal deviates by the Box-Muller transform of `PetscRandom` uniforms; every rank draws the whole sequence
  and keeps its own entries, so the result does not depend on the parallel layout.

.seealso: `PhantomProject()`
@*/
PetscErrorCode PhantomAddNoise(Vec g, PetscReal rel, PetscInt seed, PetscReal *sigma)
{
  PetscReal    gmax, sig;
  PetscInt     lo, hi, n;
  PetscScalar *ga;
  PetscRandom  rnd;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(g, VEC_CLASSID, 1);
  PetscCheck(rel >= 0 && !PetscIsInfReal(rel), PetscObjectComm((PetscObject)g), PETSC_ERR_ARG_OUTOFRANGE, "Relative noise level %g must be nonnegative and finite", (double)rel);
  PetscCall(VecMax(g, NULL, &gmax));
  sig = rel * gmax;
  PetscCall(VecGetSize(g, &n));
  PetscCall(VecGetOwnershipRange(g, &lo, &hi));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)seed));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecGetArray(g, &ga));
  for (PetscInt i = 0; i < n; i += 2) {
    PetscScalar u1, u2;
    PetscReal   r, a;

    PetscCall(PetscRandomGetValue(rnd, &u1));
    PetscCall(PetscRandomGetValue(rnd, &u2));
    r = PetscSqrtReal(-2.0 * PetscLogReal(1.0 - PetscRealPart(u1)));
    a = 2 * PETSC_PI * PetscRealPart(u2);
    if (i >= lo && i < hi) ga[i - lo] += sig * r * PetscCosReal(a);
    if (i + 1 >= lo && i + 1 < hi) ga[i + 1 - lo] += sig * r * PetscSinReal(a);
  }
  PetscCall(VecRestoreArray(g, &ga));
  PetscCall(PetscRandomDestroy(&rnd));
  if (sigma) *sigma = sig;
  PetscFunctionReturn(0);
}
