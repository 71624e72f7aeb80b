/*
   tv.c - RECONTV: space-time total variation by the primal-dual algorithm of Chambolle and Pock.

     min_f  1/2 ||A f - g||^2 + alpha sum_{t,i,j} sqrt(dx f^2 + dy f^2 + (w dt f)^2)      (f = 0 outside the FOV)

   with forward differences in x, y and t (Neumann: zero at the last pixel, row and frame). Chambolle-Pock
   (Algorithm 1, theta = 1) on K = [A; mu grad], F*(y1, y2) the conjugate of the data term and of
   (alpha/mu) ||.||_{2,1}, mu = ||A|| / ||grad|| balancing the two blocks:
     y1 = (y1 + s (A fb - g)) / (1 + s),   y2 = P_{|.| <= alpha/mu}(y2 + s mu grad fb),
     f' = M (f - tau (A^T y1 + mu grad^T y2)),   fb = 2 f' - f,
   with s = tau = 0.99 / (sqrt(2) ||A||) (||grad||^2 <= 8 + 4 w^2), ||A|| by 20 power iterations in ReconSetUp().
   Frames are split over the ranks; the frames next to a rank's own come from a DMDA (stencil width 1 in t).

   Reference: A. Chambolle, T. Pock, A first-order primal-dual algorithm for convex problems with applications to
   imaging, J. Math. Imaging Vis. 40 (2011) 120-145, doi:10.1007/s10851-010-0251-1.
*/
#include <reconimpl.h>
#include <petscdmda.h>

typedef struct {
  PetscReal alpha, w;             /* TV weight, weight of the time differences */
  PetscReal tau, sig, normA, mu;  /* steps, ||A|| bound, scale of the gradient block (balances K) */
  DM        da;                   /* N x N x P, dof 1, stencil width 1, split by frames */
  Vec       fl;                   /* local (ghosted) fb */
  Vec       fb, fold, y1, r1, at; /* frames: over-relaxed iterate, previous iterate; data: dual, work; frames: A^T y1 */
  Vec       y2[3];                /* dual of the gradient, frames layout */
} Recon_TV;

/* f with the neighbouring frames, into tv->fl */
static PetscErrorCode TVGhost_Private(Recon_TV *tv, Vec f)
{
  PetscFunctionBegin;
  PetscCall(DMGlobalToLocalBegin(tv->da, f, INSERT_VALUES, tv->fl));
  PetscCall(DMGlobalToLocalEnd(tv->da, f, INSERT_VALUES, tv->fl));
  PetscFunctionReturn(0);
}

/* g[c] = (add ? g[c] : 0) + s * forward differences of f */
static PetscErrorCode TVGradient_Private(Recon recon, Recon_TV *tv, Vec f, Vec g[3], PetscBool add, PetscReal s)
{
  PetscScalar ***a, *gx, *gy, *gt;
  const PetscInt N = recon->N, P = recon->P;

  PetscFunctionBegin;
  PetscCall(TVGhost_Private(tv, f));
  PetscCall(DMDAVecGetArrayRead(tv->da, tv->fl, &a));
  PetscCall(VecGetArray(g[0], &gx));
  PetscCall(VecGetArray(g[1], &gy));
  PetscCall(VecGetArray(g[2], &gt));
  for (PetscInt t = recon->t0; t < recon->t1; t++)
    for (PetscInt i = 0; i < N; i++)
      for (PetscInt j = 0; j < N; j++) {
        const PetscInt  q  = ((t - recon->t0) * N + i) * N + j;
        const PetscReal v  = PetscRealPart(a[t][i][j]);
        const PetscReal dx = j < N - 1 ? PetscRealPart(a[t][i][j + 1]) - v : 0, dy = i < N - 1 ? PetscRealPart(a[t][i + 1][j]) - v : 0;
        const PetscReal dt = t < P - 1 ? tv->w * (PetscRealPart(a[t + 1][i][j]) - v) : 0;

        gx[q] = (add ? gx[q] : 0) + s * dx;
        gy[q] = (add ? gy[q] : 0) + s * dy;
        gt[q] = (add ? gt[q] : 0) + s * dt;
      }
  PetscCall(VecRestoreArray(g[2], &gt));
  PetscCall(VecRestoreArray(g[1], &gy));
  PetscCall(VecRestoreArray(g[0], &gx));
  PetscCall(DMDAVecRestoreArrayRead(tv->da, tv->fl, &a));
  PetscFunctionReturn(0);
}

/* out = -div y = grad^T y (the exact transpose of TVGradient_Private), y given as 3 frame vectors */
static PetscErrorCode TVGradientTranspose_Private(Recon recon, Recon_TV *tv, Vec y[3], Vec out)
{
  PetscScalar ***ax, ***ay, ***at, *o;
  const PetscInt N = recon->N, P = recon->P;
  Vec            l[3];

  PetscFunctionBegin;
  for (PetscInt c = 0; c < 3; c++) {
    PetscCall(DMGetLocalVector(tv->da, &l[c]));
    PetscCall(DMGlobalToLocalBegin(tv->da, y[c], INSERT_VALUES, l[c]));
    PetscCall(DMGlobalToLocalEnd(tv->da, y[c], INSERT_VALUES, l[c]));
  }
  PetscCall(DMDAVecGetArrayRead(tv->da, l[0], &ax));
  PetscCall(DMDAVecGetArrayRead(tv->da, l[1], &ay));
  PetscCall(DMDAVecGetArrayRead(tv->da, l[2], &at));
  PetscCall(VecGetArrayWrite(out, &o));
  for (PetscInt t = recon->t0; t < recon->t1; t++)
    for (PetscInt i = 0; i < N; i++)
      for (PetscInt j = 0; j < N; j++) {
        PetscReal v = 0;

        if (j < N - 1) v -= PetscRealPart(ax[t][i][j]);
        if (j > 0) v += PetscRealPart(ax[t][i][j - 1]);
        if (i < N - 1) v -= PetscRealPart(ay[t][i][j]);
        if (i > 0) v += PetscRealPart(ay[t][i - 1][j]);
        if (t < P - 1) v -= tv->w * PetscRealPart(at[t][i][j]);
        if (t > 0) v += tv->w * PetscRealPart(at[t - 1][i][j]);
        o[((t - recon->t0) * N + i) * N + j] = v;
      }
  PetscCall(VecRestoreArrayWrite(out, &o));
  PetscCall(DMDAVecRestoreArrayRead(tv->da, l[2], &at));
  PetscCall(DMDAVecRestoreArrayRead(tv->da, l[1], &ay));
  PetscCall(DMDAVecRestoreArrayRead(tv->da, l[0], &ax));
  for (PetscInt c = 0; c < 3; c++) PetscCall(DMRestoreLocalVector(tv->da, &l[c]));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconReset_TV(Recon recon)
{
  Recon_TV *tv = (Recon_TV *)recon->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&tv->fl));
  PetscCall(VecDestroy(&tv->fb));
  PetscCall(VecDestroy(&tv->fold));
  PetscCall(VecDestroy(&tv->y1));
  PetscCall(VecDestroy(&tv->r1));
  PetscCall(VecDestroy(&tv->at));
  for (PetscInt c = 0; c < 3; c++) PetscCall(VecDestroy(&tv->y2[c]));
  PetscCall(DMDestroy(&tv->da));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSetUp_TV(Recon recon)
{
  Recon_TV   *tv   = (Recon_TV *)recon->data;
  MPI_Comm    comm = PetscObjectComm((PetscObject)recon);
  PetscMPIInt size;
  PetscInt   *lz, nt = recon->t1 - recon->t0;
  PetscReal   nrm = 0;
  PetscRandom rnd;

  PetscFunctionBegin;
  PetscCall(ReconReset_TV(recon));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PetscMalloc1(size, &lz));
  PetscCallMPI(MPI_Allgather(&nt, 1, MPIU_INT, lz, 1, MPIU_INT, comm));
  for (PetscMPIInt r = 0; r < size; r++) PetscCheck(lz[r] > 0, comm, PETSC_ERR_SUP, "Recon tv: every rank needs at least one frame (rank %d has none)", (int)r);
  PetscCall(DMDACreate3d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, recon->N, recon->N, recon->P, 1, 1, size, 1, 1, NULL, NULL, lz, &tv->da));
  PetscCall(DMSetUp(tv->da));
  PetscCall(PetscFree(lz));
  PetscCall(DMCreateLocalVector(tv->da, &tv->fl));
  PetscCall(VecDuplicate(recon->f, &tv->fb));
  PetscCall(VecDuplicate(recon->f, &tv->fold));
  PetscCall(VecDuplicate(recon->f, &tv->at));
  for (PetscInt c = 0; c < 3; c++) PetscCall(VecDuplicate(recon->f, &tv->y2[c]));
  PetscCall(VecDuplicate(recon->g, &tv->y1));
  PetscCall(VecDuplicate(recon->g, &tv->r1));
  /* ||A|| by power iterations on A^T A */
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, 11));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecSetRandom(tv->fb, rnd));
  PetscCall(PetscRandomDestroy(&rnd));
  for (PetscInt k = 0; k < 20; k++) {
    PetscCall(VecNormalize(tv->fb, NULL));
    PetscCall(MatMult(recon->A, tv->fb, tv->r1));
    PetscCall(MatMultTranspose(recon->A, tv->r1, tv->fb));
    PetscCall(VecNorm(tv->fb, NORM_2, &nrm));
  }
  tv->normA = PetscSqrtReal(nrm) * 1.02;
  tv->mu    = tv->normA / PetscSqrtReal(8.0 + 4.0 * tv->w * tv->w);
  tv->tau = tv->sig = 0.99 / (PetscSqrtReal(2.0) * tv->normA);
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSolve_TV(Recon recon)
{
  Recon_TV *tv = (Recon_TV *)recon->data;
  PetscBool stop;
  PetscReal rn, fn, dn, tvv;

  PetscFunctionBegin;
  PetscCall(VecZeroEntries(recon->f));
  PetscCall(VecZeroEntries(tv->fb));
  PetscCall(VecZeroEntries(tv->y1));
  for (PetscInt c = 0; c < 3; c++) PetscCall(VecZeroEntries(tv->y2[c]));
  PetscCall(ReconLogIteration_Private(recon, RECON_NAN, RECON_NAN, RECON_NAN, &stop));
  while (!stop) {
    recon->its++;
    /* dual steps at fb */
    PetscCall(MatMult(recon->A, tv->fb, tv->r1));
    PetscCall(VecAXPY(tv->r1, -1.0, recon->g));
    PetscCall(VecAXPBY(tv->y1, tv->sig / (1 + tv->sig), 1.0 / (1 + tv->sig), tv->r1));
    PetscCall(TVGradient_Private(recon, tv, tv->fb, tv->y2, PETSC_TRUE, tv->sig * tv->mu));
    {
      PetscScalar *a[3];
      PetscInt     n;

      PetscCall(VecGetLocalSize(recon->f, &n));
      for (PetscInt c = 0; c < 3; c++) PetscCall(VecGetArray(tv->y2[c], &a[c]));
      for (PetscInt q = 0; q < n; q++) {
        const PetscReal m = PetscSqrtReal(PetscRealPart(a[0][q] * a[0][q] + a[1][q] * a[1][q] + a[2][q] * a[2][q]));

        if (m > tv->alpha / tv->mu)
          for (PetscInt c = 0; c < 3; c++) a[c][q] *= tv->alpha / (tv->mu * m);
      }
      for (PetscInt c = 0; c < 3; c++) PetscCall(VecRestoreArray(tv->y2[c], &a[c]));
    }
    /* primal step, over-relaxation */
    PetscCall(VecCopy(recon->f, tv->fold));
    PetscCall(MatMultTranspose(recon->A, tv->y1, tv->at));
    PetscCall(VecAXPY(recon->f, -tv->tau, tv->at));
    PetscCall(TVGradientTranspose_Private(recon, tv, tv->y2, tv->at));
    PetscCall(VecAXPY(recon->f, -tv->tau * tv->mu, tv->at));
    PetscCall(ReconApplyMask_Private(recon, recon->f));
    PetscCall(VecAXPBYPCZ(tv->fb, 2.0, -1.0, 0.0, recon->f, tv->fold));
    /* objective and relative change */
    PetscCall(MatMult(recon->A, recon->f, tv->r1));
    PetscCall(VecAXPY(tv->r1, -1.0, recon->g));
    PetscCall(VecNorm(tv->r1, NORM_2, &rn));
    PetscCall(TVGhost_Private(tv, recon->f));
    {
      PetscScalar ***a;
      PetscReal      loc = 0;
      const PetscInt N = recon->N, P = recon->P;

      PetscCall(DMDAVecGetArrayRead(tv->da, tv->fl, &a));
      for (PetscInt t = recon->t0; t < recon->t1; t++)
        for (PetscInt i = 0; i < N; i++)
          for (PetscInt j = 0; j < N; j++) {
            const PetscReal v = PetscRealPart(a[t][i][j]), dx = j < N - 1 ? PetscRealPart(a[t][i][j + 1]) - v : 0, dy = i < N - 1 ? PetscRealPart(a[t][i + 1][j]) - v : 0;
            const PetscReal dt = t < P - 1 ? tv->w * (PetscRealPart(a[t + 1][i][j]) - v) : 0;

            loc += PetscSqrtReal(dx * dx + dy * dy + dt * dt);
          }
      PetscCall(DMDAVecRestoreArrayRead(tv->da, tv->fl, &a));
      PetscCallMPI(MPIU_Allreduce(&loc, &tvv, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)recon)));
    }
    PetscCall(VecAXPY(tv->fold, -1.0, recon->f));
    PetscCall(VecNorm(tv->fold, NORM_2, &dn));
    PetscCall(VecNorm(recon->f, NORM_2, &fn));
    PetscCall(ReconLogIteration_Private(recon, 0.5 * rn * rn + tv->alpha * tvv, 0.0, dn / PetscMax(fn, PETSC_SMALL), &stop));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSetFromOptions_TV(Recon recon, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Recon_TV *tv = (Recon_TV *)recon->data;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "Space-time TV options");
  PetscCall(TesseraOptionsRealPositive("-recon_tv_weight", "TV weight alpha", "RECONTV", tv->alpha, &tv->alpha, NULL, 1e300));
  PetscCall(TesseraOptionsRealInRange("-recon_tv_time_weight", "Weight w of the time differences", "RECONTV", tv->w, &tv->w, NULL, 0.0, 1e6));
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconView_TV(Recon recon, PetscViewer viewer)
{
  Recon_TV *tv = (Recon_TV *)recon->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "space-time TV by Chambolle-Pock: alpha %g, time weight %g; ||A|| <= %g, step %g\n", (double)tv->alpha, (double)tv->w, (double)tv->normA, (double)tv->tau));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconDestroy_TV(Recon recon)
{
  PetscFunctionBegin;
  PetscCall(ReconReset_TV(recon));
  PetscCall(PetscFree(recon->data));
  PetscFunctionReturn(0);
}

/*MC
  RECONTV - "tv": space-time total variation, min 1/2 ||A f - g||^2 + alpha TV_{x,y,t}(f), by Chambolle-Pock

  Options Database Keys:
+ -recon_tv_weight <0.2>    - alpha
- -recon_tv_time_weight <1> - weight of the time differences inside the isotropic 3-D gradient norm

  Level: beginner

  Notes:
  One iteration is one primal-dual step (one A and one A^T); the objective is logged at every iteration.
  Reference: A. Chambolle, T. Pock, J. Math. Imaging Vis. 40 (2011) 120, doi:10.1007/s10851-010-0251-1.

.seealso: `RECONREDPSM`, `ReconSetType()`
M*/
PetscErrorCode ReconCreate_TV(Recon recon)
{
  Recon_TV *tv;

  PetscFunctionBegin;
  PetscCall(PetscNew(&tv));
  recon->data                = (void *)tv;
  tv->alpha                  = 0.2;
  tv->w                      = 1.0;
  recon->ops->setup          = ReconSetUp_TV;
  recon->ops->solve          = ReconSolve_TV;
  recon->ops->setfromoptions = ReconSetFromOptions_TV;
  recon->ops->view           = ReconView_TV;
  recon->ops->reset          = ReconReset_TV;
  recon->ops->destroy        = ReconDestroy_TV;
  PetscFunctionReturn(0);
}
