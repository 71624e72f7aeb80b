/*I "tessera.h" I*/
/*
   Local density approximation of NIST SRD 141 and the Thomas-Fermi starting potential.

   Exchange: Slater, e_x = -(3/(4 pi)) (3 pi^2 n)^(1/3), V_x = 4/3 e_x.
   Correlation: Vosko-Wilk-Nusair parametrisation of the Ceperley-Alder paramagnetic correlation energy
   ("VWN5": A = 0.0310907, x0 = -0.10498, b = 3.72744, c = 12.9352), x = sqrt(r_s),
   r_s = (3/(4 pi n))^(1/3), V_c = e_c - (r_s/3) de_c/dr_s.
   Thomas-Fermi: Z_eff(r) = Z phi(x), x = r (128 Z/(9 pi^2))^(1/3), with the analytic fit
   phi = (1 + a sqrt(x) + b x exp(-g sqrt(x)))^2 exp(-2 a sqrt(x)), clipped to Z_eff >= 1.

   References: S. H. Vosko, L. Wilk, M. Nusair, Can. J. Phys. 58 (1980) 1200; S. Kotochigova et al.,
   Phys. Rev. A 55, 191 (1997); M. Oulne, arXiv:physics/0511017 (Thomas-Fermi fit).
*/
#include <atomimpl.h>

/*@
  AtomVWNCorrelation - Evaluates the VWN correlation energy per electron and potential

  Not Collective

  Input Parameter:
. rs - the Wigner-Seitz radius, rs > 0

  Output Parameters:
+ ec - correlation energy per electron (Hartree)
- vc - correlation potential (Hartree)

  Level: developer

.seealso: `AtomLDA()`
@*/
PetscErrorCode AtomVWNCorrelation(PetscReal rs, PetscReal *ec, PetscReal *vc)
{
  const PetscReal A = 0.0310907, x0 = -0.10498, b = 3.72744, c = 12.9352;
  const PetscReal Q = PetscSqrtReal(4 * c - b * b), x = PetscSqrtReal(rs), X = x * x + b * x + c, X0 = x0 * x0 + b * x0 + c;
  const PetscReal at = PetscAtanReal(Q / (2 * x + b));

  PetscFunctionBegin;
  *ec = A * (PetscLogReal(x * x / X) + 2 * b / Q * at - b * x0 / X0 * (PetscLogReal((x - x0) * (x - x0) / X) + 2 * (b + 2 * x0) / Q * at));
  *vc = *ec - A / 3 * (c * (x - x0) - b * x0 * x) / ((x - x0) * X);
  PetscFunctionReturn(0);
}

/*@
  AtomLDA - Evaluates the LDA (Slater exchange + VWN correlation) energy per electron and potential

  Not Collective

  Input Parameter:
. n - the electron density

  Output Parameters:
+ exc - exchange-correlation energy per electron
- vxc - exchange-correlation potential

  Level: developer

  Notes:
  Both are zero for densities below machine epsilon.

.seealso: `AtomVWNCorrelation()`
@*/
PetscErrorCode AtomLDA(PetscReal n, PetscReal *exc, PetscReal *vxc)
{
  PetscReal ex, ec, vc;

  PetscFunctionBegin;
  if (n < PETSC_MACHINE_EPSILON) {
    *exc = 0;
    *vxc = 0;
    PetscFunctionReturn(0);
  }
  ex = -3 / (4 * PETSC_PI) * PetscCbrtReal(3 * PETSC_PI * PETSC_PI * n);
  PetscCall(AtomVWNCorrelation(PetscCbrtReal(3 / (4 * PETSC_PI * n)), &ec, &vc));
  *exc = ex + ec;
  *vxc = 4 * ex / 3 + vc;
  PetscFunctionReturn(0);
}

/*@
  AtomThomasFermiZeff - Evaluates the effective charge Z_eff(r) of the Thomas-Fermi atom (analytic fit)

  Not Collective

  Input Parameters:
+ Z - the atomic number
- r - the radius

  Output Parameter:
. zeff - the effective charge, V_TF(r) = -zeff/r, clipped to zeff >= 1

  Level: developer

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomThomasFermiZeff(PetscInt Z, PetscReal r, PetscReal *zeff)
{
  const PetscReal a = 0.7280642371, b = -0.5430794693, g = 0.3612163121;
  const PetscReal x = r * PetscCbrtReal(128.0 * Z / (9 * PETSC_PI * PETSC_PI)), sx = PetscSqrtReal(x), t = 1 + a * sx + b * x * PetscExpReal(-g * sx);

  PetscFunctionBegin;
  *zeff = PetscMax(Z * t * t * PetscExpReal(-2 * a * sx), 1.0);
  PetscFunctionReturn(0);
}
