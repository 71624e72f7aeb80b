/*
   tessera.h - umbrella header of libtessera: includes every public module header in dependency order.
*/
#ifndef TESSERA_H
#define TESSERA_H

#include <petsc.h>
#include <tesserasys.h>
#include <tesseraio.h>
#include <tesseraradon.h>
#include <tesseramri.h>
#include <tesseradenoiser.h>
#include <tesseraphantoms.h>
#include <tesseralibsvm.h>
#include <tesserabilevel.h>
#include <tesserabilevelproblems.h>
#include <tesseraradialfe.h>
#include <tesseraatom.h>
#include <tesseraatomproblems.h>
#include <tesserasketch.h>
#include <tesseraalsketch.h>
#include <tesseranlp.h>
#include <tesserafvflux.h>
#include <tesseraneumannfft.h>
#include <tesserachemotaxis.h>
#include <tesseractproblems.h>

#endif
