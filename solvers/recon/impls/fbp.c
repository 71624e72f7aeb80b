/*
   fbp.c - RECONFBP: frame-by-frame filtered back-projection (a Radon transform) or the adjoint A^T g (any
   other operator: for Cartesian MRI with an orthonormal DFT, the zero-filled reconstruction).

   With one projection per frame FBP is only a crude baseline; it is the reference point of the RED-PSM
   comparisons. Reference: A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, ch. 3.
*/
#include <reconimpl.h>
#include <tesseraradon.h>

typedef struct {
  Vec r; /* data layout work */
} Recon_FBP;

static PetscErrorCode ReconSetUp_FBP(Recon recon)
{
  Recon_FBP *fbp = (Recon_FBP *)recon->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&fbp->r));
  PetscCall(VecDuplicate(recon->g, &fbp->r));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSolve_FBP(Recon recon)
{
  Recon_FBP *fbp = (Recon_FBP *)recon->data;
  PetscBool  isradon, stop;
  PetscReal  rn, fn;

  PetscFunctionBegin;
  PetscCall(MatIsRadon(recon->A, &isradon));
  PetscCall(VecZeroEntries(recon->f));
  PetscCall(ReconLogIteration_Private(recon, RECON_NAN, RECON_NAN, RECON_NAN, &stop));
  if (isradon) PetscCall(MatRadonFBP(recon->A, recon->g, recon->f));
  else PetscCall(MatMultTranspose(recon->A, recon->g, recon->f));
  PetscCall(ReconApplyMask_Private(recon, recon->f));
  PetscCall(MatMult(recon->A, recon->f, fbp->r));
  PetscCall(VecAXPY(fbp->r, -1.0, recon->g));
  PetscCall(VecNorm(fbp->r, NORM_2, &rn));
  PetscCall(VecNorm(recon->f, NORM_2, &fn));
  recon->its = 1;
  PetscCall(ReconLogIteration_Private(recon, 0.5 * rn * rn, 0.0, 1.0, &stop));
  recon->reason = PetscIsInfOrNanReal(rn) || PetscIsInfOrNanReal(fn) ? RECON_DIVERGED_NAN : RECON_CONVERGED_ITS;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconReset_FBP(Recon recon)
{
  PetscFunctionBegin;
  PetscCall(VecDestroy(&((Recon_FBP *)recon->data)->r));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconDestroy_FBP(Recon recon)
{
  PetscFunctionBegin;
  PetscCall(ReconReset_FBP(recon));
  PetscCall(PetscFree(recon->data));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconView_FBP(Recon recon, PetscViewer viewer)
{
  PetscBool isradon = PETSC_FALSE;

  PetscFunctionBegin;
  if (recon->A) PetscCall(MatIsRadon(recon->A, &isradon));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%s\n", isradon ? "frame-by-frame filtered back-projection (Ram-Lak)" : "adjoint A^T g (zero-filled)"));
  PetscFunctionReturn(0);
}

/*MC
  RECONFBP - "fbp": frame-by-frame filtered back-projection (Radon transform) or A^T g (other operators),
  restricted to the circular field of view; one iteration

  Level: beginner

.seealso: `RECONREDPSM`, `MatRadonFBP()`
M*/
PetscErrorCode ReconCreate_FBP(Recon recon)
{
  Recon_FBP *fbp;

  PetscFunctionBegin;
  PetscCall(PetscNew(&fbp));
  recon->data         = (void *)fbp;
  recon->ops->setup   = ReconSetUp_FBP;
  recon->ops->solve   = ReconSolve_FBP;
  recon->ops->reset   = ReconReset_FBP;
  recon->ops->destroy = ReconDestroy_FBP;
  recon->ops->view    = ReconView_FBP;
  PetscFunctionReturn(0);
}
