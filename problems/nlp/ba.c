/*
   ba.c - the two bundle-adjustment problems of the AdaSketch-Newton CUTEst set (SIF input N. Gould, Nov 2016; data
   of one point of the Ladybug set of "Bundle Adjustment in the Large", http://grail.cs.washington.edu/projects/bal/).
   Both have no objective (f = 0), n = 57 and m = 12, and share one layout: the point (X, Y, Z) first, then six
   cameras (images 1, 2, 4, 27, 30, 37) of nine parameters each: Rodrigues rotation (RX, RY, RZ), translation
   (TX, TY, TZ), radial distortion (KA, KB) and focal length F. Constraint 2k (2k+1) involves the point and camera k.

   BA-L1: the reprojection residuals c = F d(cc) q - u of the SIF file, with camera coordinates
   P = R(w) X + T (Rodrigues' formula), q = -(P_x, P_y)/P_z, cc = |q|^2, d = 1 + KA cc + KB cc^2, u the observation.
   The SIF element (and therefore the problem the authors solved through CUTEst) uses e_x (w.X)(1 - cos t) in the
   second rotated coordinate where Rodrigues' formula has e_y (w.X)(1 - cos t); this file reproduces the SIF element.
   Exact derivatives: the residual is evaluated once in hyper-dual arithmetic per pair of local variables.

   BA-L1SP: quadratic equations c_k = sum_{i in S_k} a_ki (x_i + x_i^2/2 + x_i sum_{j > i} x_j) - b_k, S_k the
   12 variables of constraint k; x0 = 0 (SIF default).
*/
#include <nlpimpl.h>

#define BA_NCAM           6
#define BA_NLOC           12 /* local variables of one camera residual: point (3) and camera (9) */
#define BA_GLOBAL(cam, l) ((l) < 3 ? (l) : 3 + 9 * (cam) + (l)-3)

/* hyper-dual number v + a e1 + b e2 + ab e1 e2 (e1^2 = e2^2 = 0): exact first and second derivatives */
typedef struct {
  PetscReal v, a, b, ab;
} BAHD;

static inline BAHD BAConst(PetscReal v)
{
  BAHD r = {v, 0, 0, 0};
  return r;
}
static inline BAHD BAAdd(BAHD x, BAHD y)
{
  BAHD r = {x.v + y.v, x.a + y.a, x.b + y.b, x.ab + y.ab};
  return r;
}
static inline BAHD BASub(BAHD x, BAHD y)
{
  BAHD r = {x.v - y.v, x.a - y.a, x.b - y.b, x.ab - y.ab};
  return r;
}
static inline BAHD BAMul(BAHD x, BAHD y)
{
  BAHD r = {x.v * y.v, x.v * y.a + x.a * y.v, x.v * y.b + x.b * y.v, x.v * y.ab + x.a * y.b + x.b * y.a + x.ab * y.v};
  return r;
}
/* g(x) for a scalar function with g(v) = g0, g'(v) = g1, g''(v) = g2 */
static inline BAHD BAChain(BAHD x, PetscReal g0, PetscReal g1, PetscReal g2)
{
  BAHD r = {g0, g1 * x.a, g1 * x.b, g1 * x.ab + g2 * x.a * x.b};
  return r;
}
static inline BAHD BADiv(BAHD x, BAHD y)
{
  PetscReal iv = 1.0 / y.v;

  return BAMul(x, BAChain(y, iv, -iv * iv, 2 * iv * iv * iv));
}
static inline BAHD BASqrt(BAHD x)
{
  PetscReal s = PetscSqrtReal(x.v);

  return BAChain(x, s, 0.5 / s, -0.25 / (s * s * s));
}
static inline BAHD BASin(BAHD x)
{
  PetscReal s = PetscSinReal(x.v);

  return BAChain(x, s, PetscCosReal(x.v), -s);
}
static inline BAHD BACos(BAHD x)
{
  PetscReal c = PetscCosReal(x.v);

  return BAChain(x, c, -PetscSinReal(x.v), -c);
}

/* the two pixel coordinates F d q of the point v[0..2] seen by the camera v[3..11] (SIF element E) */
static void BAProject(const BAHD v[BA_NLOC], BAHD r[2])
{
  const BAHD *X = v, *w = v + 3, *T = v + 6, ka = v[9], kb = v[10], fl = v[11];
  BAHD        P[3], tt, qx, qy, cc, d;

  tt = BAAdd(BAAdd(BAMul(w[0], w[0]), BAMul(w[1], w[1])), BAMul(w[2], w[2]));
  if (tt.v > PETSC_MACHINE_EPSILON) {
    BAHD t = BASqrt(tt), ct = BACos(t), st = BASin(t), e[3], sa, p;

    for (PetscInt i = 0; i < 3; i++) e[i] = BADiv(w[i], t);
    sa   = BAAdd(BAAdd(BAMul(e[0], X[0]), BAMul(e[1], X[1])), BAMul(e[2], X[2]));
    p    = BAMul(sa, BASub(BAConst(1.0), ct));
    P[0] = BAAdd(BAAdd(BAMul(X[0], ct), BAMul(BASub(BAMul(e[1], X[2]), BAMul(e[2], X[1])), st)), BAMul(e[0], p));
    P[1] = BAAdd(BAAdd(BAMul(X[1], ct), BAMul(BASub(BAMul(e[2], X[0]), BAMul(e[0], X[2])), st)), BAMul(e[0], p)); /* e_x: as the SIF element */
    P[2] = BAAdd(BAAdd(BAMul(X[2], ct), BAMul(BASub(BAMul(e[0], X[1]), BAMul(e[1], X[0])), st)), BAMul(e[2], p));
  } else { /* first-order rotation X + w x X near w = 0 */
    P[0] = BAAdd(X[0], BASub(BAMul(w[1], X[2]), BAMul(w[2], X[1])));
    P[1] = BAAdd(X[1], BASub(BAMul(w[2], X[0]), BAMul(w[0], X[2])));
    P[2] = BAAdd(X[2], BASub(BAMul(w[0], X[1]), BAMul(w[1], X[0])));
  }
  for (PetscInt i = 0; i < 3; i++) P[i] = BAAdd(P[i], T[i]);
  qx   = BADiv(P[0], P[2]);
  qy   = BADiv(P[1], P[2]);
  qx   = BASub(BAConst(0.0), qx);
  qy   = BASub(BAConst(0.0), qy);
  cc   = BAAdd(BAMul(qx, qx), BAMul(qy, qy));
  d    = BAAdd(BAAdd(BAConst(1.0), BAMul(ka, cc)), BAMul(kb, BAMul(cc, cc)));
  r[0] = BAMul(fl, BAMul(d, qx));
  r[1] = BAMul(fl, BAMul(d, qy));
}

/* seeds local variable i with e1 and local variable j with e2 (either may be -1) */
static void BASeed(const PetscReal x[], PetscInt cam, PetscInt i, PetscInt j, BAHD v[BA_NLOC])
{
  for (PetscInt l = 0; l < BA_NLOC; l++) {
    v[l]   = BAConst(x[BA_GLOBAL(cam, l)]);
    v[l].a = (l == i) ? 1.0 : 0.0;
    v[l].b = (l == j) ? 1.0 : 0.0;
  }
}

static const PetscReal BAL1Obs[2 * BA_NCAM] = {-332.65, 262.09, -199.76, 166.7, -253.06, 202.27, 58.13, 271.89, 238.22, 237.37, 317.55, 221.15};

static PetscErrorCode BAL1X0(PetscInt n, PetscReal x[])
{
  const PetscReal x0[57] = {-.6120001572, .57175904776, -1.847081276, /* point */
                            .01574151594, -.0127909362, -.0044008498, -.0340938396, -.107513871,  1.1202240291, -3.177064E-7, 5.882049E-13, 399.75152639, .01597732412, -.0252244646, -.0094001416, -.0085667661, -.1218804907,
                            .7190133075,  -3.780477E-7, 9.307431E-13, 402.01753386, .01484625118, -.0210628994, -.001166948,  -.0249509707, -.1139847055, .92166020737, -3.295265E-7, 6.732885E-13, 400.40175368, .01991666998,
                            -1.22433082,  .0119988756,  -1.411897512, -.1148065151, .44915582738, 5.95875E-8,   -2.48391E-13, 407.03024568, .02082242153, -1.238434791, .01389314763, -1.049686225, -.1299513286, .33798380231,
                            4.5673127E-8, -1.79243E-13, 405.91764962, .01658816461, -1.247226838, .01846788123, -.8617315756, -.1321089362, .28256800868, 4.7465711E-8, -1.50881E-13, 404.73590637};

  for (PetscInt i = 0; i < n; i++) x[i] = x0[i];
  return 0;
}
static PetscErrorCode BAL1Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  BAHD v[BA_NLOC], r[2];

  for (PetscInt cam = 0; cam < BA_NCAM; cam++) {
    BASeed(x, cam, -1, -1, v);
    BAProject(v, r);
    for (PetscInt k = 0; k < 2; k++) c[2 * cam + k] = r[k].v - BAL1Obs[2 * cam + k];
    if (J)
      for (PetscInt l = 0; l < BA_NLOC; l++) {
        BASeed(x, cam, l, -1, v);
        BAProject(v, r);
        for (PetscInt k = 0; k < 2; k++) J[(2 * cam + k) * n + BA_GLOBAL(cam, l)] = r[k].a;
      }
  }
  return 0;
}
static PetscErrorCode BAL1Hess(PetscInt n, const PetscReal x[], const PetscReal lam[], PetscReal H[])
{
  BAHD v[BA_NLOC], r[2];

  for (PetscInt cam = 0; cam < BA_NCAM; cam++)
    for (PetscInt i = 0; i < BA_NLOC; i++)
      for (PetscInt j = i; j < BA_NLOC; j++) {
        BASeed(x, cam, i, j, v);
        BAProject(v, r);
        NLPProblemAddSym(n, H, BA_GLOBAL(cam, i), BA_GLOBAL(cam, j), lam[2 * cam] * r[0].ab + lam[2 * cam + 1] * r[1].ab);
      }
  return 0;
}
TESSERA_NLP_DENSE(BAL1, 57, 12, 0.0, PETSC_TRUE, NULL)

/* BA-L1SP: coefficients a_ki in local order (point, camera) and right-hand sides b_k */
static const PetscReal BAL1SPA[12][BA_NLOC] = {{545.11792729, -5.058282413, -478.0666573, -283.5120115, -1296.338862, -320.6033515, 551.17734728, .00020463888, -471.0948965, -409.2809619, -490.2705298, -.8547064923},
                                               {2.44930593, 556.94489983, 368.0324789, 1234.7454956, 227.79935236, -347.0888335, .00020463888, 551.17743945, 376.80482466, 327.36300527, 392.14243755, .68363621076},
                                               {350.08946365, .39982371752, -186.7535887, -107.0193513, -758.7948959, -207.8248083, 354.69032045, 5.7520864E-5, -177.8608216, -87.5738398, -38.04282609, -.5014538225},
                                               {.52655531437, 356.88663624, 145.9511661, 740.42840621, 92.188824988, -222.1616016, 5.7520864E-5, 354.69033883, 151.71150127, 74.698624396, 32.449722244, .42772945465},
                                               {424.98400393, -3.679913168, -285.9919818, -168.2771917, -958.0774748, -249.6325723, 430.9113597, 9.5401875E-5, -277.0049802, -176.6544282, -121.2420785, -.6428351473},
                                               {4.2853403082, 434.04620563, 218.70892251, 921.07415044, 136.05794576, -271.6835835, 9.5401875E-5, 430.9113995, 225.18412985, 143.60670941, 98.560653819, .52257642872},
                                               {257.01763205, -10.17665712, -485.335462, -144.7289642, -770.5881534, -272.9493307, 543.87077184, 1.1685922E-6, 76.920229468, 2.0869983072, .07566110172, .14143107787},
                                               {70.320803231, 179.34148777, 15.269871971, 620.43380046, 194.45316484, -289.1623446, 1.1685922E-6, 543.8707716, 69.331903641, 1.8811119849, .06819699123, .12747863508},
                                               {422.1912571, -8.291703599, -366.5398322, -32.98148952, -1001.73529, -309.2254094, 484.30591161, 2.2083578E-6, 279.48782165, 79.76578597, 27.161405788, .57708943686},
                                               {44.828047187, 152.76507038, 6.0272627364, 536.26711278, 204.18278149, -250.6380806, 2.2083578E-6, 484.30589721, 41.892546625, 11.956127062, 4.0712344877, .08650017735},
                                               {480.66081245, -9.700408082, -321.955117, 5.7198974673, -1082.833992, -318.8938606, 458.16637265, 2.2305592E-6, 353.36608051, 187.06511552, 112.10170813, .77126151439},
                                               {35.371625137, 141.48851847, 3.9687026816, 499.62967221, 205.63088192, -232.6571585, 2.2305592E-6, 458.16634697, 30.465184316, 16.127674776, 9.6647623772, .06649371711}};
static const PetscReal BAL1SPB[12]          = {9.020224572, -11.194618482, 1.83322914, -5.254740578, 4.332320525, -6.9705186587, .5632735813, 220.0023398, 3.969211949, 202.2580513, 5.392772211, 194.2376052};

static PetscErrorCode BAL1SPX0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < n; i++) x[i] = 0;
  return 0;
}
static PetscErrorCode BAL1SPCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt k = 0; k < 12; k++) {
    c[k] = -BAL1SPB[k];
    for (PetscInt l = 0; l < BA_NLOC; l++) {
      PetscInt  i = BA_GLOBAL(k / 2, l);
      PetscReal a = BAL1SPA[k][l], tail = 0; /* sum_{j > i} x_j */

      for (PetscInt j = i + 1; j < n; j++) tail += x[j];
      c[k] += a * (x[i] + 0.5 * x[i] * x[i] + x[i] * tail);
      if (J) {
        J[k * n + i] += a * (1 + x[i] + tail);
        for (PetscInt j = i + 1; j < n; j++) J[k * n + j] += a * x[i];
      }
    }
  }
  return 0;
}
static PetscErrorCode BAL1SPHess(PetscInt n, const PetscReal x[], const PetscReal lam[], PetscReal H[])
{
  for (PetscInt k = 0; k < 12; k++)
    for (PetscInt l = 0; l < BA_NLOC; l++) {
      PetscInt  i = BA_GLOBAL(k / 2, l);
      PetscReal a = lam[k] * BAL1SPA[k][l];

      for (PetscInt j = i; j < n; j++) NLPProblemAddSym(n, H, i, j, a);
    }
  return 0;
}
TESSERA_NLP_DENSE(BAL1SP, 57, 12, 0.0, PETSC_TRUE, NULL)

PetscErrorCode NLPProblemRegisterBA_Private(void)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemRegister("BA-L1SP", NLPProblemCreate_BAL1SP));
  PetscCall(NLPProblemRegister("BA-L1", NLPProblemCreate_BAL1));
  PetscFunctionReturn(0);
}
