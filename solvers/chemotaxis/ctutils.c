/*I "tessera.h" I*/
/*
   ctutils.c - initial states, the critical manifold and diagnostics of the chemotaxis solver.

   Critical manifold for a density n: M(n) = {(c, w): w = (I - tau Lap_h)^{-1} n, c = (I - Lap_h)^{-1} w}. Both
   inverses are applied exactly (for the discrete Neumann operators) by FFTW cosine transforms
   (operators/neumannfft). Norms are the discrete L^2 norm sum_i |u_i|^2 |cell| and the H^1 seminorm over interior
   faces sum_faces |(u_R - u_L)/h|^2 |cell|.
*/
#include <chemotaxisimpl.h>

static PetscErrorCode ChemotaxisCheckSetUp_Private(Chemotaxis ct)
{
  PetscFunctionBegin;
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() first");
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetCellVolume - Gets the volume (length, area) of one cell

  Not Collective

  Input Parameter:
. ct - the solver, set up

  Output Parameter:
. vol - the cell volume

  Level: intermediate

.seealso: `ChemotaxisGetMass()`
@*/
PetscErrorCode ChemotaxisGetCellVolume(Chemotaxis ct, PetscReal *vol)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  *vol = ct->vol;
  PetscFunctionReturn(0);
}

/* s1 = n, s2 = (I - tau Lap_h)^{-1} n, s3 = (I - Lap_h)^{-1} s2: the manifold point of the density of U */
static PetscErrorCode ChemotaxisManifoldPoint_Private(Chemotaxis ct, Vec U)
{
  PetscFunctionBegin;
  PetscCall(VecStrideGather(U, 0, ct->s1, INSERT_VALUES));
  PetscCall(MatMult(ct->fftLtau, ct->s1, ct->s2));
  PetscCall(MatMult(ct->fftL, ct->s2, ct->s3));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisProjectToManifold - Replaces c and w of a state by the point of the critical manifold of its n

  Collective

  Input Parameters:
+ ct - the solver, set up
- U  - the state, modified in place: w = (I - tau Lap_h)^{-1} n, c = (I - Lap_h)^{-1} w

  Level: intermediate

  Notes:
  These are well-prepared initial data, and the consistent initial data of the eps = 0 DAE.

.seealso: `ChemotaxisSetInitialState()`, `ChemotaxisGetManifoldDistance()`
@*/
PetscErrorCode ChemotaxisProjectToManifold(Chemotaxis ct, Vec U)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCall(ChemotaxisManifoldPoint_Private(ct, U));
  PetscCall(VecStrideScatter(ct->s3, 1, U, INSERT_VALUES));
  PetscCall(VecStrideScatter(ct->s2, 2, U, INSERT_VALUES));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisSetInitialState - Fills a state from a density function and a choice of signals

  Collective

  Input Parameters:
+ ct   - the solver, set up
. fn   - fn(dim, x, L, &n, ctx) gives n0 at the cell centre x of the box [0, L]
. ctx  - context of fn
- type - how c, w are chosen: `CHEMOTAXIS_INITIAL_WELL` (on the critical manifold), `CHEMOTAXIS_INITIAL_ILL` (c = w = 0),
         `CHEMOTAXIS_INITIAL_OPPOSITE` (twice the manifold values), `CHEMOTAXIS_INITIAL_KS` (w = n, c = (I - Lap_h)^{-1} n),
         `CHEMOTAXIS_INITIAL_STEP` (c = w = 2 mean(n) on x_0 < L_0/2, 0 elsewhere)

  Output Parameter:
. U - the state

  Level: beginner

.seealso: `ChemotaxisProjectToManifold()`, `ChemotaxisCheckState()`
@*/
PetscErrorCode ChemotaxisSetInitialState(Chemotaxis ct, ChemotaxisDensityFn fn, void *ctx, ChemotaxisInitialType type, Vec U)
{
  PetscScalar *u;
  PetscInt     xs, ys, zs, xm, ym, zm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 5);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCall(DMDAGetCorners(ct->da, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(VecGetArrayWrite(U, &u));
  for (PetscInt k = zs; k < zs + zm; k++) {
    for (PetscInt j = ys; j < ys + ym; j++) {
      for (PetscInt i = xs; i < xs + xm; i++) {
        const PetscInt o    = 3 * (((k - zs) * ym + (j - ys)) * xm + (i - xs));
        PetscReal      x[3] = {(i + 0.5) * ct->h[0], (j + 0.5) * ct->h[1], (k + 0.5) * ct->h[2]}, n;

        PetscCall(fn(ct->dim, x, ct->L, &n, ctx));
        u[o]     = n;
        u[o + 1] = 0;
        u[o + 2] = 0;
      }
    }
  }
  PetscCall(VecRestoreArrayWrite(U, &u));
  switch (type) {
  case CHEMOTAXIS_INITIAL_WELL: PetscCall(ChemotaxisProjectToManifold(ct, U)); break;
  case CHEMOTAXIS_INITIAL_ILL: break;
  case CHEMOTAXIS_INITIAL_OPPOSITE:
    PetscCall(ChemotaxisManifoldPoint_Private(ct, U));
    PetscCall(VecScale(ct->s2, 2.0));
    PetscCall(VecScale(ct->s3, 2.0));
    PetscCall(VecStrideScatter(ct->s3, 1, U, INSERT_VALUES));
    PetscCall(VecStrideScatter(ct->s2, 2, U, INSERT_VALUES));
    break;
  case CHEMOTAXIS_INITIAL_KS:
    PetscCall(VecStrideGather(U, 0, ct->s1, INSERT_VALUES));
    PetscCall(MatMult(ct->fftL, ct->s1, ct->s3));
    PetscCall(VecStrideScatter(ct->s1, 2, U, INSERT_VALUES));
    PetscCall(VecStrideScatter(ct->s3, 1, U, INSERT_VALUES));
    break;
  case CHEMOTAXIS_INITIAL_STEP: {
    PetscReal mean[3];

    /* c = w = 2 m on x_0 < L_0/2, 0 elsewhere: their means are m (on the manifold), every other mode is off it */
    PetscCall(ChemotaxisGetMeans(ct, U, mean));
    PetscCall(VecGetArray(U, &u));
    for (PetscInt k = zs; k < zs + zm; k++) {
      for (PetscInt j = ys; j < ys + ym; j++) {
        for (PetscInt i = xs; i < xs + xm; i++) {
          const PetscInt o = 3 * (((k - zs) * ym + (j - ys)) * xm + (i - xs));

          u[o + 1] = u[o + 2] = (i + 0.5) * ct->h[0] < 0.5 * ct->L[0] ? 2.0 * mean[0] : 0.0;
        }
      }
    }
    PetscCall(VecRestoreArray(U, &u));
  } break;
  default: SETERRQ(PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Unknown initial type %d", (int)type);
  }
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisCheckState - Validates a state: finite, n >= 0 everywhere and positive mass

  Collective

  Input Parameters:
+ ct - the solver, set up
- U  - the state

  Level: intermediate

.seealso: `ChemotaxisSolve()`
@*/
PetscErrorCode ChemotaxisCheckState(Chemotaxis ct, Vec U)
{
  PetscReal nrm, nmin, mass;
  PetscInt  imin;
  MPI_Comm  comm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCall(VecNorm(U, NORM_1, &nrm));
  PetscCheck(!PetscIsInfOrNanReal(nrm), comm, PETSC_ERR_FP, "Invalid state: it contains NaN or Inf");
  PetscCall(VecStrideMin(U, 0, &imin, &nmin));
  PetscCheck(nmin >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Invalid initial density: n must be nonnegative, but n = %g in cell %" PetscInt_FMT, (double)nmin, imin / 3);
  PetscCall(ChemotaxisGetMass(ct, U, &mass));
  PetscCheck(mass > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Invalid initial density: the mass of n must be positive, got %g", (double)mass);
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetMass - Computes the mass sum_i n_i |cell|

  Collective

  Input Parameters:
+ ct - the solver, set up
- U  - the state

  Output Parameter:
. mass - the mass

  Level: beginner

.seealso: `ChemotaxisGetCellVolume()`
@*/
PetscErrorCode ChemotaxisGetMass(Chemotaxis ct, Vec U, PetscReal *mass)
{
  PetscScalar s;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCall(VecStrideGather(U, 0, ct->s1, INSERT_VALUES));
  PetscCall(VecSum(ct->s1, &s));
  *mass = PetscRealPart(s) * ct->vol;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetManifoldDistance - Distance of a state to the critical manifold of its density

  Collective

  Input Parameters:
+ ct - the solver, set up
- U  - the state

  Output Parameters:
+ dc - || c - (I - Lap_h)^{-1} (I - tau Lap_h)^{-1} n ||_{L^2} (may be NULL)
- dw - || w - (I - tau Lap_h)^{-1} n ||_{L^2} (may be NULL)

  Level: intermediate

.seealso: `ChemotaxisProjectToManifold()`
@*/
PetscErrorCode ChemotaxisGetManifoldDistance(Chemotaxis ct, Vec U, PetscReal *dc, PetscReal *dw)
{
  PetscReal nrm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCall(ChemotaxisManifoldPoint_Private(ct, U));
  PetscCall(VecStrideGather(U, 2, ct->s1, INSERT_VALUES));
  PetscCall(VecAXPY(ct->s2, -1.0, ct->s1));
  PetscCall(VecNorm(ct->s2, NORM_2, &nrm));
  if (dw) *dw = nrm * PetscSqrtReal(ct->vol);
  PetscCall(VecStrideGather(U, 1, ct->s1, INSERT_VALUES));
  PetscCall(VecAXPY(ct->s3, -1.0, ct->s1));
  PetscCall(VecNorm(ct->s3, NORM_2, &nrm));
  if (dc) *dc = nrm * PetscSqrtReal(ct->vol);
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisComputeDifferenceNorms - Norms of the difference of one field of two states

  Collective

  Input Parameters:
+ ct    - the solver, set up
. field - 0 (n), 1 (c) or 2 (w)
. U     - a state
- V     - another state

  Output Parameters:
+ l2 - || u_U - u_V ||_{L^2} of the field u (may be NULL)
- h1 - the H^1 seminorm || grad_h (u_U - u_V) ||_{L^2} over interior faces (may be NULL)

  Level: intermediate

.seealso: `ChemotaxisGetMass()`
@*/
PetscErrorCode ChemotaxisComputeDifferenceNorms(Chemotaxis ct, PetscInt field, Vec U, Vec V, PetscReal *l2, PetscReal *h1)
{
  Vec                el;
  const PetscScalar *e;
  PetscInt           xs, ys, zs, xm, ym, zm, gxs, gys, gzs, gxm, gym, gzm, gstride[3];
  PetscReal          nrm, g2 = 0;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 3);
  PetscValidHeaderSpecific(V, VEC_CLASSID, 4);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  PetscCheck(field >= 0 && field < 3, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Field %" PetscInt_FMT " must be 0 (n), 1 (c) or 2 (w)", field);
  PetscCall(VecStrideGather(U, field, ct->s1, INSERT_VALUES));
  PetscCall(VecStrideGather(V, field, ct->s2, INSERT_VALUES));
  PetscCall(VecAXPY(ct->s1, -1.0, ct->s2));
  PetscCall(VecNorm(ct->s1, NORM_2, &nrm));
  if (l2) *l2 = nrm * PetscSqrtReal(ct->vol);
  if (!h1) PetscFunctionReturn(0);
  PetscCall(DMGetLocalVector(ct->da1, &el));
  PetscCall(DMGlobalToLocalBegin(ct->da1, ct->s1, INSERT_VALUES, el));
  PetscCall(DMGlobalToLocalEnd(ct->da1, ct->s1, INSERT_VALUES, el));
  PetscCall(DMDAGetCorners(ct->da1, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(DMDAGetGhostCorners(ct->da1, &gxs, &gys, &gzs, &gxm, &gym, &gzm));
  gstride[0] = 1;
  gstride[1] = gxm;
  gstride[2] = gxm * gym;
  PetscCall(VecGetArrayRead(el, &e));
  for (PetscInt k = zs; k < zs + zm; k++) {
    for (PetscInt j = ys; j < ys + ym; j++) {
      for (PetscInt i = xs; i < xs + xm; i++) {
        const PetscInt idx[3] = {i, j, k}, g = ((k - gzs) * gym + (j - gys)) * gxm + (i - gxs);

        for (PetscInt d = 0; d < ct->dim; d++) {
          if (idx[d] + 1 < ct->M[d]) {
            PetscReal de = PetscRealPart(e[g + gstride[d]] - e[g]) / ct->h[d];

            g2 += de * de;
          }
        }
      }
    }
  }
  PetscCall(VecRestoreArrayRead(el, &e));
  PetscCall(DMRestoreLocalVector(ct->da1, &el));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &g2, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)ct)));
  *h1 = PetscSqrtReal(g2 * ct->vol);
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetMeans - Computes the spatial means of n, c and w

  Collective

  Input Parameters:
+ ct - the solver, set up
- U  - the state

  Output Parameter:
. mean - the means (1/|Omega|) sum_i u_i |cell| of n, c, w

  Level: intermediate

  Note:
  With no-flux boundaries the mean m of n is constant and the means of the signals obey exactly
  eps m_w' = m - m_w, eps m_c' = m_w - m_c, whatever the nonlinearity (spec chemotaxis.md, A1).

.seealso: `ChemotaxisGetMass()`
@*/
PetscErrorCode ChemotaxisGetMeans(Chemotaxis ct, Vec U, PetscReal mean[3])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  TesseraValidPointer(mean, 3);
  PetscCall(ChemotaxisCheckSetUp_Private(ct));
  for (PetscInt k = 0; k < 3; k++) {
    PetscScalar sum;

    PetscCall(VecStrideGather(U, k, ct->s1, INSERT_VALUES));
    PetscCall(VecSum(ct->s1, &sum));
    mean[k] = PetscRealPart(sum) * ct->vol / (ct->L[0] * ct->L[1] * ct->L[2]);
  }
  PetscFunctionReturn(0);
}
