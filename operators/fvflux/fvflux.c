/*I "tessera.h" I*/
/*
   fvflux.c - face fluxes of the drift-diffusion operator div(grad n - n grad c) on cell-centred grids.

   Method: for the face between cells L and R (spacing h, dc = c_R - c_L) the flux F = -grad(n) + n grad(c)
   from L to R is approximated by
     Scharfetter-Gummel: F = (1/h) [ B(-dc) n_L - B(dc) n_R ],   B(x) = x / (e^x - 1),
     upwind:             F = (1/h) [ n_L - n_R + max(dc, 0) n_L + min(dc, 0) n_R ].
   Both give nonnegative off-diagonal weights -dF/dn_R >= 0, dF/dn_L >= 0 (M-matrix structure with implicit
   Euler and frozen c: positivity), and a flux shared by the two cells of a face (exact mass conservation).
   SG is exact on discrete equilibria n ~ exp(c), central as dc -> 0 and upwind as |dc| -> infinity.

   References: D. L. Scharfetter, H. K. Gummel, IEEE Trans. Electron Devices 16 (1969) 64-77;
   F. Filbet, Numer. Math. 104 (2006) 457-488 (upwind FV for Keller-Segel);
   R. Almeida, F. Bubba, B. Perthame, C. Pouchol, Netw. Heterog. Media 14 (2019), arXiv:1803.10629.
*/
#include <tesseraimpl.h>
#include <tesserafvflux.h>
#include <math.h>

const char *const FVFluxTypes[] = {"SG", "UPWIND", "FVFluxType", "FVFLUX_", NULL};

/*@
  FVFluxBernoulli - Evaluates the Bernoulli function B(x) = x / (e^x - 1) and its derivative, without overflow
  or cancellation

  Not Collective

  Input Parameter:
. x - the argument

  Output Parameters:
+ B  - B(x) (may be NULL)
- dB - B'(x) (may be NULL)

  Level: developer

  Notes:
  Uses a Taylor series for |x| < 1e-2, expm1() for x < 0 and the form x e^{-x} / (1 - e^{-x}) for x > 0, so that
  neither overflow nor cancellation occurs for any finite x.

.seealso: `FVFluxEvaluate()`
@*/
PetscErrorCode FVFluxBernoulli(PetscReal x, PetscReal *B, PetscReal *dB)
{
  PetscReal b, db;

  PetscFunctionBegin;
  if (PetscAbsReal(x) < 1e-2) { /* Taylor series: B = 1 - x/2 + x^2/12 - x^4/720, B' = -1/2 + x/6 - x^3/180 + x^5/5040 */
    PetscReal x2 = x * x;

    b  = 1.0 - 0.5 * x + x2 / 12.0 - x2 * x2 / 720.0;
    db = -0.5 + x / 6.0 - x * x2 / 180.0 + x * x2 * x2 / 5040.0;
  } else if (x < 0) { /* e^x <= 1: no overflow */
    PetscReal em1 = expm1(x);

    b  = x / em1;
    db = (em1 - x * (em1 + 1.0)) / (em1 * em1);
  } else { /* multiply through by e^{-x}: B = x e^{-x} / (1 - e^{-x}), B' = e^{-x} (1 - e^{-x} - x) / (1 - e^{-x})^2 */
    PetscReal e, q;

    if (x < 0.5) { /* q = 1 - e^{-x} without cancellation; e >= 0.6 from q to full precision */
      q = -expm1(-x);
      e = 1.0 - q;
    } else { /* e <= 0.61: q = 1 - e loses at most a bit; one transcendental call either way */
      e = PetscExpReal(-x);
      q = 1.0 - e;
    }

    b  = x * e / q;
    db = e * (q - x) / (q * q);
  }
  if (B) *B = b;
  if (dB) *dB = db;
  PetscFunctionReturn(0);
}

/*@
  FVFluxEvaluate - Evaluates the face flux F of -grad(n) + n grad(c) from the left to the right cell, and its
  derivatives

  Not Collective

  Input Parameters:
+ type - `FVFLUX_SG` or `FVFLUX_UPWIND`
. hinv - inverse cell spacing normal to the face
. nl   - density in the left cell
. nr   - density in the right cell
- dc   - signal jump c_R - c_L

  Output Parameters:
+ F  - the flux
- dF - derivatives of F with respect to nl, nr and dc (may be NULL)

  Level: developer

.seealso: `FVFluxBernoulli()`, `FVFluxType`
@*/
PetscErrorCode FVFluxEvaluate(FVFluxType type, PetscReal hinv, PetscReal nl, PetscReal nr, PetscReal dc, PetscReal *F, PetscReal dF[3])
{
  PetscFunctionBegin;
  switch (type) {
  case FVFLUX_SG: {
    PetscReal a = PetscAbsReal(dc), ba, dba, bm, dbm, bp, dbp;

    /* one Bernoulli evaluation per face: B(-a) = a + B(a), B'(-a) = -1 - B'(a), both accurate for a >= 0 */
    PetscCall(FVFluxBernoulli(a, &ba, dF ? &dba : NULL));
    if (dc >= 0) {
      bp  = ba;
      bm  = a + ba;
      dbp = dF ? dba : 0;
      dbm = dF ? -1.0 - dba : 0;
    } else {
      bm  = ba;
      bp  = a + ba;
      dbm = dF ? dba : 0;
      dbp = dF ? -1.0 - dba : 0;
    }
    *F = hinv * (bm * nl - bp * nr);
    if (dF) {
      dF[0] = hinv * bm;
      dF[1] = -hinv * bp;
      dF[2] = -hinv * (dbm * nl + dbp * nr);
    }
  } break;
  case FVFLUX_UPWIND: {
    PetscReal up = dc > 0 ? dc : 0, dn = dc < 0 ? dc : 0;

    *F = hinv * (nl - nr + up * nl + dn * nr);
    if (dF) {
      dF[0] = hinv * (1.0 + up);
      dF[1] = hinv * (-1.0 + dn);
      dF[2] = hinv * (dc > 0 ? nl : nr);
    }
  } break;
  default: SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Unknown FVFluxType %d", (int)type);
  }
  PetscFunctionReturn(0);
}
